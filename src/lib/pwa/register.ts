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

export async function registerServiceWorker(onUpdateReady: (update: UpdateReady) => void): Promise<void> {
	if (dev || !('serviceWorker' in navigator)) return;
	const { Workbox } = await import('workbox-window');
	const wb = new Workbox('/sw.js', { scope: '/' });
	wb.addEventListener('waiting', () => {
		onUpdateReady({
			apply() {
				wb.addEventListener('controlling', () => window.location.reload());
				wb.messageSkipWaiting();
			}
		});
	});
	try {
		await wb.register();
	} catch {
		// No service worker (private mode, blocked): the app still works online.
	}
}
