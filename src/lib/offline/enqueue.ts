// Writing a payment intent to the outbox: the first thing that happens when the cashier charges,
// before any network. One transaction checks the offline limits, numbers the intent and stores it.
import type { PosOfflineDb } from './db';
import { claimEntry, newEntry } from './entry';
import { newIdempotencyKey } from './ids';
import { assertMoney, checkOfflineLimits, type LimitRefusal, type OfflineLimits } from './limits';
import { pendingEntries } from './queries';
import { takeSequence } from './terminal';
import type { Money, OutboxEntry } from './types';

/** The API's range for one payment's amount, in minor units (DESIGN.md "Money"). */
export const PAYMENT_AMOUNT_MIN = 1;
export const PAYMENT_AMOUNT_MAX = 100_000_000;
/** Payment codes are exactly 18 digits (DESIGN.md "Payment codes"). */
export const PAYMENT_CODE_PATTERN = /^\d{18}$/;

export interface PaymentIntent {
	code: string;
	amount: Money;
	/** When the code was scanned; the server judges the code at this time. */
	scannedAt: Date;
	/** The cashier typed the code (see OutboxEntry `typed`). */
	typed?: boolean;
}

export interface EnqueueOptions {
	merchantId: string;
	cashierId: string;
	/** True when the terminal cannot reach the server: the offline limits apply. */
	offline: boolean;
	limits: OfflineLimits;
	/** Store the entry already claimed for an immediate send (syncing, with this lease). */
	claimForSendMs?: number;
	/** The lock the counter holds while that send's answer may come (lock.ts `asSender`). */
	sender?: string;
	now?: number;
}

export type EnqueueRefusal =
	| LimitRefusal
	| { ok: false; reason: 'INVALID_CODE' }
	| { ok: false; reason: 'CODE_ALREADY_QUEUED' }
	| { ok: false; reason: 'INVALID_AMOUNT' };

export type EnqueueResult = { ok: true; entry: OutboxEntry } | EnqueueRefusal;

export async function recordIntent(
	db: PosOfflineDb,
	intent: PaymentIntent,
	options: EnqueueOptions
): Promise<EnqueueResult> {
	if (!PAYMENT_CODE_PATTERN.test(intent.code)) return { ok: false, reason: 'INVALID_CODE' };
	assertMoney(intent.amount);
	if (intent.amount.amount < PAYMENT_AMOUNT_MIN || intent.amount.amount > PAYMENT_AMOUNT_MAX) {
		return { ok: false, reason: 'INVALID_AMOUNT' };
	}
	const now = options.now ?? Date.now();

	return db.transaction('rw', db.outbox, db.meta, async (): Promise<EnqueueResult> => {
		const pending = await pendingEntries(db, options.merchantId);
		// A code pays once. One this tablet still holds unsent would be declined as used when the queue
		// syncs, after the customer has left with the goods: refuse the second charge now, while they are here.
		if (pending.some((e) => e.code === intent.code)) return { ok: false, reason: 'CODE_ALREADY_QUEUED' };
		if (options.offline) {
			// Online payments get their verdict at once, so only offline ones carry the merchant's risk.
			const check = checkOfflineLimits(
				pending.map((e) => e.amount),
				intent.amount,
				options.limits
			);
			if (!check.ok) return check;
		}
		const { terminalId, sequence } = await takeSequence(db);
		let entry = newEntry({
			idempotencyKey: newIdempotencyKey(terminalId),
			terminalId,
			sequence,
			merchantId: options.merchantId,
			cashierId: options.cashierId,
			code: intent.code,
			amount: intent.amount,
			scannedAt: intent.scannedAt.toISOString(),
			typed: intent.typed,
			now
		});
		if (options.claimForSendMs !== undefined) entry = claimEntry(entry, now, options.claimForSendMs, options.sender);
		await db.outbox.add(entry);
		return { ok: true, entry };
	});
}
