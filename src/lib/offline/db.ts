// The cashier tablet's own database (IndexedDB through Dexie). Client-only: never import it
// from server code. The outbox survives reloads, browser restarts and crashes.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { OutboxEntry } from './types';

/** The terminal's identity and request counter: one row, written with each outbox entry. */
export interface TerminalRow {
	key: 'terminal';
	terminalId: string;
	/** The sequence number given to the latest outbox entry (0 before the first). */
	lastSequence: number;
	/**
	 * The number given to the latest report of what the tablet holds unsent (unsent-report.ts): the server keeps only a
	 * higher one, so a report arriving late never puts back an older state. Absent before the first.
	 */
	lastReportSequence?: number;
}

/** What the last sync learned from the server. */
export interface SyncRow {
	key: 'sync';
	/** When the server last answered a sync or payment request (ISO 8601). */
	lastSyncAt: string | null;
	/** Sequence numbers the server says it never saw and this tablet holds no entry for. */
	gaps: { from: number; to: number }[];
}

export type MetaRow = TerminalRow | SyncRow;

export const POS_DB_NAME = 'pos-offline';

export class PosOfflineDb extends Dexie {
	outbox!: EntityTable<OutboxEntry, 'idempotencyKey'>;
	meta!: Table<MetaRow, MetaRow['key']>;

	constructor(name: string = POS_DB_NAME) {
		// 'strict' makes Chromium flush each write to disk before the transaction reports
		// success: a payment the cashier saw as queued must survive a power cut.
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			// [merchantId+state+sequence] lists one merchant's queued entries in the order taken.
			outbox: 'idempotencyKey, [merchantId+state+sequence], state, createdAt',
			meta: 'key'
		});
	}
}
