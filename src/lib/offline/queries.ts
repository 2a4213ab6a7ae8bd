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

/** What the cashier's screens show of one merchant's outbox, read at one instant (see `readOutboxView`). */
export interface OutboxView {
	/** Queued or being sent, in the order taken. */
	pending: OutboxEntry[];
	/** Declined or refused at sync and not yet settled by the cashier, oldest first (at most `declinedMax`). */
	declined: OutboxEntry[];
	/** Of the `watched` keys, the entries the server has answered since (paid, declined, or settled after that). */
	answered: OutboxEntry[];
	/** Of the `watched` keys, those with no entry any more (pruned): nothing to wait for. */
	gone: string[];
}

/**
 * Reads the queue, the declined list and the answers to `watched` (keys seen in the queue before) in one read
 * transaction. Read apart, a sale could be gone from the queue before its answer was there to read: a screen then
 * showed it nowhere for a moment (Today), or took the queue's end for "all sent" while the last one had been
 * declined (the sign-out question).
 */
export function readOutboxView(
	db: PosOfflineDb,
	merchantId: string,
	watched: Iterable<string>,
	declinedMax: number
): Promise<OutboxView> {
	const asked = [...watched];
	return db.transaction('r', db.outbox, async () => {
		const pending: OutboxEntry[] = [];
		for (const state of PENDING_STATES) pending.push(...(await byState(db, merchantId, state).toArray()));
		pending.sort((a, b) => a.sequence - b.sequence);
		const declined = await byState(db, merchantId, 'declined').limit(declinedMax).toArray();
		const stillPending = new Set(pending.map((e) => e.idempotencyKey));
		const ask = asked.filter((key) => !stillPending.has(key));
		const found = ask.length > 0 ? await db.outbox.bulkGet(ask) : [];
		const answered = found.filter((e): e is OutboxEntry => e !== undefined && !PENDING_STATES.includes(e.state));
		const gone = ask.filter((_, i) => found[i] === undefined);
		return { pending, declined, answered, gone };
	});
}
