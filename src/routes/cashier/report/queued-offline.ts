/**
 * What this tablet's offline outbox still has to send, for the Z report's "queued at close" line.
 * Read-only use of $lib/offline (the offline helper's module): the outbox is never changed here.
 * Any failure (no IndexedDB, private mode) leaves the figure out rather than blocking the close.
 */
import { PosOfflineDb } from '$lib/offline/db';
import { pendingAmounts } from '$lib/offline/queries';
import type { Money } from '$lib/api/types';

export async function queuedOffline(merchantId: string, currency: string): Promise<{ count: number; amount: Money } | undefined> {
	let db: PosOfflineDb | null = null;
	try {
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
