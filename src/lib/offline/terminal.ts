// The terminal: a random id made once per browser profile, and a counter that numbers every
// payment intent, so the server can tell a lost outbox from a quiet day (its `gaps`).
import type { PosOfflineDb, TerminalRow } from './db';
import { randomId } from './ids';

/**
 * Gives the next sequence number. Call it inside a read-write transaction over `db.meta` that
 * also writes the outbox entry: the number and the entry commit together or not at all.
 */
export async function takeSequence(db: PosOfflineDb): Promise<{ terminalId: string; sequence: number }> {
	const row = await readOrCreate(db);
	const sequence = row.lastSequence + 1;
	if (!Number.isSafeInteger(sequence)) throw new Error('terminal sequence overflow');
	await db.meta.put({ ...row, lastSequence: sequence });
	return { terminalId: row.terminalId, sequence };
}

/**
 * Gives the next number of a report of what the tablet holds unsent. Call it inside a read-write transaction over
 * `db.meta` that also reads the outbox, so that the numbers follow the order of the readings, in every tab.
 */
export async function takeReportSequence(db: PosOfflineDb): Promise<{ terminalId: string; sequence: number }> {
	const row = await readOrCreate(db);
	const sequence = (row.lastReportSequence ?? 0) + 1;
	if (!Number.isSafeInteger(sequence)) throw new Error('report sequence overflow');
	await db.meta.put({ ...row, lastReportSequence: sequence });
	return { terminalId: row.terminalId, sequence };
}

/** This browser's terminal id, made on first use. */
export async function terminalId(db: PosOfflineDb): Promise<string> {
	return db.transaction('rw', db.meta, async () => (await readOrCreate(db)).terminalId);
}

async function readOrCreate(db: PosOfflineDb): Promise<TerminalRow> {
	const row = await db.meta.get('terminal');
	if (row && row.key === 'terminal') return row;
	const created: TerminalRow = { key: 'terminal', terminalId: randomId(), lastSequence: 0 };
	await db.meta.put(created);
	return created;
}
