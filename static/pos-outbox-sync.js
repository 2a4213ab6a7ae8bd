// Imported by the generated service worker (vite.config.ts, workbox.importScripts). When the
// browser fires Background Sync for the cashier's outbox (tag 'pos-outbox', registered by
// src/lib/offline/background-sync.ts once a payment is queued), ask every open page to drain it:
// the pages hold the session and the outbox code, and only one of them sends (Web Locks).
// Browsers without Background Sync never fire this; the pages' own triggers still run.
self.addEventListener('sync', (event) => {
	if (event.tag !== 'pos-outbox') return;
	event.waitUntil(
		self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
			for (const client of clients) client.postMessage({ type: 'pos-outbox-sync' });
		})
	);
});
