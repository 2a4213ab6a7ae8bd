import type { Page } from '@playwright/test';

/** One of the tablet's outbox entries as stored, in the fields the specs check. */
export interface StoredEntry {
	state: string;
	amount: number;
	resolution: string | null;
}

/**
 * The tablet's outbox as stored in IndexedDB, read without the app's own code: what a reload reads back, and proof a
 * sale went through the outbox rather than around it.
 */
export async function storedOutbox(page: Page): Promise<StoredEntry[]> {
	const rows = await page.evaluate(
		() =>
			new Promise<{ state: string; amount: { amount: number }; resolution?: { kind: string } }[]>((resolve, reject) => {
				const open = indexedDB.open('pos-offline');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('outbox').objectStore('outbox').getAll();
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						open.result.close();
						resolve(req.result);
					};
				};
			})
	);
	return rows.map((e) => ({ state: e.state, amount: e.amount.amount, resolution: e.resolution?.kind ?? null }));
}
