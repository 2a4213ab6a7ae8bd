import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

/** The colour of the app bar on phones and of the splash screen; the same as --color-brand in tokens.css. */
const THEME_COLOR = '#0f766e';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// 'prompt': a new version waits until the user agrees to reload (a cashier mid-payment must
			// never have the page swapped under them). Registration happens in src/lib/pwa/register.ts
			// with workbox-window, hence no injected script.
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			// The server answers unknown paths with build/200.html, so the shell to precache is that page.
			kit: { adapterFallback: '200.html', spa: true },
			manifest: {
				// The name on the screens (app.name), so the installed icon and the header agree.
				name: 'Coupon Pay',
				short_name: 'Coupon Pay',
				description: 'Pay with your phone and use coupons at the counter.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#ffffff',
				theme_color: THEME_COLOR,
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}'],
				// The API is never answered from a cache: money must be live. The offline helper adds its
				// own behaviour for queued payments on top of this.
				navigateFallbackDenylist: [/^\/api\//],
				// Background Sync for the cashier's outbox: the worker wakes the open pages to send it. And the API's
				// requests routed past the worker, straight to the network.
				importScripts: ['/pos-outbox-sync.js', '/sw-api-bypass.js']
				// The scanner chunk (html5-qrcode, ~110 KB) is precached too: it loads lazily on the scan
				// screen, but that screen has to work when the counter is offline.
			},
			devOptions: { enabled: false }
		})
	],
	server: {
		// `npm run dev` serves the front end with hot reload and forwards the API to the server on port 3000
		// (`BUILD_ON_START=0 npm start` in another terminal: README, "Map of the code").
		proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } }
	},
	build: { target: 'es2022' }
});
