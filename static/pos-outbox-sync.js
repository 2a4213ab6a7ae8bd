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

// The API's requests never touch the service worker (Service Worker Static Routing, where the browser has it): they
// are never answered from a cache, and each one the worker saw was work it had in hand. A new version waiting to take
// over after the cashier's Reload had to wait for the old one to have none, and with a page's reads arriving in that
// moment Chromium left it waiting: Reload stayed pressed and the page's own reload never answered (pwa-update).
self.addEventListener('install', (event) => {
	if (typeof event.addRoutes !== 'function') return;
	const condition = typeof URLPattern === 'function' ? { urlPattern: new URLPattern({ pathname: '/api/*' }) } : { urlPattern: '/api/*' };
	event.waitUntil(event.addRoutes({ condition, source: 'network' }).catch(() => undefined));
});
