// Imported by the generated service worker (vite.config.ts, workbox.importScripts). The API's requests never touch the
// worker (Service Worker Static Routing, where the browser has it): they are never answered from a cache, and each one
// the worker saw was work it had in hand. A new version waiting to take over after the cashier's Reload had to wait for
// the old one to have none, and with a page's reads arriving in that moment Chromium left it waiting: Reload stayed
// pressed and the page's own reload never answered (tests/e2e/pwa-update.spec.ts). A browser with addRoutes has URLPattern.
self.addEventListener('install', (event) => {
	if (typeof event.addRoutes !== 'function') return;
	const condition = { urlPattern: new URLPattern({ pathname: '/api/*' }) };
	event.waitUntil(event.addRoutes({ condition, source: 'network' }).catch(() => undefined));
});
