// Persistent storage keeps the browser from evicting the outbox when the disk runs low. Chromium
// grants it to installed apps and sites with engagement; the cashier screen shows when it is not.

export type PersistState = 'granted' | 'denied' | 'unsupported';

/** `storage`: the browser's by default; null for a browser without one. */
export async function requestPersistentStorage(
	storage: StorageManager | null = typeof navigator === 'undefined' ? null : (navigator.storage ?? null)
): Promise<PersistState> {
	if (!storage || typeof storage.persist !== 'function') return 'unsupported';
	try {
		if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
		return (await storage.persist()) ? 'granted' : 'denied';
	} catch {
		return 'denied';
	}
}
