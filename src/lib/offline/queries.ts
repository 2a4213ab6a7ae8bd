// Reads of the outbox that several modules share.
import type { PosOfflineDb } from './db';
import { PENDING_STATES } from './transitions';
import type { Money, OutboxEntry, OutboxState } from './types';

/** One merchant's entries in one state, in the order they were taken (by sequence). */
export function byState(db: PosOfflineDb, merchantId: string, state: OutboxState) {
	return db.outbox
		.where('[merchantId+state+sequence]')
		.between([merchantId, state, -Infinity], [merchantId, state, Infinity]);
}

/** The entries this merchant's terminal still owes the server a request for. */
export async function pendingEntries(db: PosOfflineDb, merchantId: string): Promise<OutboxEntry[]> {
	const rows: OutboxEntry[] = [];
	for (const state of PENDING_STATES) rows.push(...(await byState(db, merchantId, state).toArray()));
	return rows;
}

/** The amounts this merchant's terminal still owes the server a request for. */
export async function pendingAmounts(db: PosOfflineDb, merchantId: string): Promise<Money[]> {
	return (await pendingEntries(db, merchantId)).map((e) => e.amount);
}
