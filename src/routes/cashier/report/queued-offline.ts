/**
 * What this tablet's offline outbox still has to send, for the Z report's "queued at close" line.
 * Read-only use of $lib/offline (the offline helper's module): the outbox is never changed here.
 * Any failure (no IndexedDB, private mode) leaves the figure out rather than blocking the close.
 * Dexie is imported here on demand, not in the report's first load (the same chunk the cashier
 * layout loads after the first paint).
 */
import type { Money } from '$lib/api/types';
import type { PosOfflineDb } from '$lib/offline/db';

export async function queuedOffline(merchantId: string, currency: string): Promise<{ count: number; amount: Money } | undefined> {
	let db: PosOfflineDb | null = null;
	try {
		const [{ PosOfflineDb }, { pendingAmounts }] = await Promise.all([import('$lib/offline/db'), import('$lib/offline/queries')]);
		db = new PosOfflineDb();
		const amounts = await pendingAmounts(db, merchantId);
		let total = 0;
		for (const a of amounts) {
			if (a.currency !== currency || !Number.isSafeInteger(a.amount)) return undefined;
			total += a.amount;
		}
		if (!Number.isSafeInteger(total)) return undefined;
		return { count: amounts.length, amount: { amount: total, currency } };
	} catch {
		return undefined;
	} finally {
		db?.close();
	}
}
