/**
 * Registers the generated service worker with workbox-window, from the page rather than an
 * injected script, so we decide when an update is applied: a new version waits ('prompt') until
 * the user agrees, because swapping the page under a cashier mid-payment loses the sale on screen.
 * The offline helper extends the worker's behaviour; this file only registers and updates it.
 */
import { dev } from '$app/environment';

export interface UpdateReady {
	/** Activates the waiting version and reloads once it controls the page. */
	apply(): void;
}

/** How long Reload waits for the new version to take over before reloading the page anyway. */
const APPLY_FALLBACK_MS = 8_000;

export async function registerServiceWorker(onUpdateReady: (update: UpdateReady) => void): Promise<void> {
	if (dev || !('serviceWorker' in navigator)) return;
	const { Workbox } = await import('workbox-window');
	const wb = new Workbox('/sw.js', { scope: '/' });
	wb.addEventListener('waiting', () => {
		onUpdateReady({
			apply() {
				// The page's own controllerchange, not workbox's 'controlling', and the registration's waiting worker as
				// it is now. Whatever else keeps the new version from taking over (none waiting any more, or it never
				// activates), the tap reloads the page within seconds: it then opens on the version that is active, and
				// asks again if one waits. (What kept it waiting in CI was the page's reads reaching the old worker as it
				// handed over; they bypass the worker now: static/sw-api-bypass.js.)
				let reloading = false;
				const reload = () => {
					if (reloading) return;
					reloading = true;
					window.location.reload();
				};
				navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
				setTimeout(reload, APPLY_FALLBACK_MS);
				void navigator.serviceWorker.getRegistration().then((registration) => {
					if (registration?.waiting) registration.waiting.postMessage({ type: 'SKIP_WAITING' });
					else reload();
				}, reload);
			}
		});
	});
	try {
		await wb.register();
	} catch {
		// No service worker (private mode, blocked): the app still works online.
	}
}
