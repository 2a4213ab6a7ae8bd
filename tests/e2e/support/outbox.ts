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

/**
 * Settles (or removes) the tablet's stored outbox entry of `amountMinor` under the page, as another tab of the tablet
 * would, but written past the app, so the page's list is not told: it still shows the entry, as a tab does for the
 * moment before the other tab's write reaches it. `settled_in_cash` as another tab's "Paid in cash"; `removed`, gone.
 */
export async function settleStoredEntryElsewhere(page: Page, amountMinor: number, how: 'settled_in_cash' | 'removed'): Promise<void> {
	await page.evaluate(
		({ amountMinor, how }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('pos-offline');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('outbox', 'readwrite');
					const store = tx.objectStore('outbox');
					const req = store.getAll();
					req.onsuccess = () => {
						const matching = (req.result as { idempotencyKey: string; state: string; amount: { amount: number } }[]).filter(
							(e) => e.state === 'declined' && e.amount.amount === amountMinor
						);
						if (matching.length !== 1) return reject(new Error(`${matching.length} declined entries of ${amountMinor}`));
						const entry = matching[0]!;
						if (how === 'removed') store.delete(entry.idempotencyKey);
						else store.put({ ...entry, state: 'resolved', resolution: { kind: how, note: 'paid on the other screen', resolvedAt: new Date().toISOString() } });
					};
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ amountMinor, how }
	);
}
