// Shapes shared by the offline modules. The outbox records the cashier's intent
// ("pay A with code X scanned at T"), never a computed result: the server decides.
import type { Money, Payment } from '$lib/api/types';

/** Money in integer minor units (fen for CNY) with its ISO 4217 currency: the app's own type. */
export type { Money };

/** The lifecycle of one outbox entry; the allowed moves live in transitions.ts. */
export type OutboxState = 'queued' | 'syncing' | 'succeeded' | 'declined' | 'resolved';

/** The payment as the API returns it: the app's own type, so screens take it as it is. */
export type { Payment };

/**
 * An API error body's inner object as the outbox keeps it: `{ error: { code, message, field? } }`. Plain data, stored
 * with the entry in IndexedDB: not the API client's ApiError class (src/lib/api/client.ts), which is thrown.
 */
export interface ServerError {
	code: string;
	message: string;
	field?: string;
	/** HTTP status when the error came from a whole response (absent for batch items). */
	status?: number;
}

/** How the cashier settled a payment that was declined at sync. */
export type Resolution =
	| { kind: 'charged_again'; idempotencyKey: string; resolvedAt: string }
	| { kind: 'settled_in_cash'; note: string; resolvedAt: string }
	/**
	 * The customer left without paying: noted on the server (POST /payments/{id}/not-paid), so the reports count it
	 * apart and no cash is made up for it. `note` may be ''.
	 */
	| { kind: 'not_paid'; note: string; resolvedAt: string }
	/**
	 * Declined as a code already used up at this shop (USED_HERE) by a sale that was paid: the same code read twice, or
	 * a screenshot of it, so this sale was that one, and nothing is left to collect. `paidBy` is the shop's payment that
	 * used the code up (the decline's `codeUsedBy`), null on an answer from before the server named it.
	 */
	| { kind: 'already_paid'; paidBy: string | null; resolvedAt: string }
	/** Declined at once while the customer stood there: the counter showed it, nothing is left to do. */
	| { kind: 'seen_at_counter'; resolvedAt: string };

/** One row of the outbox table. `idempotencyKey` is the primary key and is never changed. */
export interface OutboxEntry {
	idempotencyKey: string;
	terminalId: string;
	/** The terminal's own counter, given in the same transaction as this write. */
	sequence: number;
	/** Whose session took the payment: entries are only ever sent with that merchant's token. */
	merchantId: string;
	cashierId: string;
	code: string;
	amount: Money;
	/** When the code was scanned (ISO 8601); the server checks the code's validity at this time. */
	scannedAt: string;
	/**
	 * The cashier typed the code (not read by a camera or scanner). Declined as naming no customer, it was most likely
	 * a digit mistyped: the declined list says so, and offers the typed digits to correct. Absent on entries before it.
	 */
	typed?: true;
	createdAt: string;
	state: OutboxState;
	/** How many times a request carrying this entry was sent. */
	attempts: number;
	/** Epoch ms before which a queued entry is not sent again (backoff). */
	nextAttemptAt: number;
	/** Epoch ms after which a `syncing` entry is taken as abandoned (its tab died) and re-queued. */
	leaseUntil: number;
	/**
	 * The lock held by whoever took this `syncing` entry out of the queue, for as long as its answer may still come
	 * (lock.ts `asSender`). No one holding it: the sender's page is gone, and the entry goes back to the queue at once.
	 * Absent when queued or answered, and where the browser cannot list its locks (the lease alone then decides).
	 */
	sender?: string;
	/** The last transient failure, for the cashier's curiosity; cleared on an answer. */
	lastError: string | null;
	/** The server's payment, once it answered 201 or 402. */
	payment?: Payment;
	/** A request error the server gave for this entry (4xx): kept and listed, never dropped. */
	error?: ServerError;
	resolution?: Resolution;
	/** When the server answered (ISO 8601). */
	answeredAt?: string;
}

/** Sales a tab charges online at the counter: written to the outbox first, but never queued. */
export interface AtCounter {
	/** The codes being charged right now, their answers awaited on screen (a code pays once: it names its entry). */
	codes: ReadonlySet<string>;
	/**
	 * Keys of the latest sales answered at the counter with a verdict: the outbox's live query shows their
	 * entries as still being sent for a moment after the answer is written, and they will not be sent again.
	 */
	answeredKeys: ReadonlySet<string>;
}

/** The signed-in cashier the sync engine sends for. */
export interface CashierAuth {
	token: string;
	merchantId: string;
	cashierId: string;
}
