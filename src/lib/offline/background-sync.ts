// Background Sync asks the browser to wake the service worker when the network returns, even if
// the cashier closed the tab. Only Chromium has it; elsewhere this does nothing and the app's own
// triggers (start, the online event, the retry timer) drain the outbox.

export const OUTBOX_SYNC_TAG = 'pos-outbox';
/** The message the service worker posts to open pages on a 'sync' event for OUTBOX_SYNC_TAG. */
export const OUTBOX_SYNC_MESSAGE = 'pos-outbox-sync';

interface SyncManagerLike {
	register(tag: string): Promise<void>;
}

export async function registerBackgroundSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
	try {
		// `ready` never settles without a registered worker (dev server): don't wait for it forever.
		const registration = await Promise.race([
			navigator.serviceWorker.ready,
			new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000))
		]);
		const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
		if (!sync) return false;
		await sync.register(OUTBOX_SYNC_TAG);
		return true;
	} catch {
		// No permission, or the worker is being replaced: the other triggers still run.
		return false;
	}
}
