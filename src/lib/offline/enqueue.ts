// Writing a payment intent to the outbox: the first thing that happens when the cashier charges,
// before any network. One transaction checks the offline limits, numbers the intent and stores it.
import { PAYMENT_AMOUNT_MAX_MINOR } from '$lib/money/money';
import { isPaymentCode } from '$lib/scan/code';
import type { PosOfflineDb } from './db';
import { claimEntry, newEntry } from './entry';
import { newIdempotencyKey } from './ids';
import { assertMoney, checkOfflineLimits, type LimitRefusal, type OfflineLimits } from './limits';
import { pendingEntries } from './queries';
import { takeSequence } from './terminal';
import type { Money, OutboxEntry } from './types';

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
	/**
	 * A code this tablet holds unsent: its sale is taken, and charged when sent. `amount` and `at` are that sale's, so the
	 * counter can say which (told only to ask for a fresh code, a cashier charged the customer's fresh code again).
	 */
	| { ok: false; reason: 'CODE_ALREADY_QUEUED'; amount: Money; at: string }
	/**
	 * Offline, a code this tablet already has the server's answer for (paid, or declined): the server used it up then,
	 * so a sale queued with it now can only be declined, after the customer has gone. `amount` and `at` are that
	 * answer's; `paid` whether it paid.
	 */
	| { ok: false; reason: 'CODE_ALREADY_USED'; paid: boolean; amount: Money; at: string }
	| { ok: false; reason: 'INVALID_AMOUNT' };

export type EnqueueResult = { ok: true; entry: OutboxEntry } | EnqueueRefusal;

export async function recordIntent(
	db: PosOfflineDb,
	intent: PaymentIntent,
	options: EnqueueOptions
): Promise<EnqueueResult> {
	if (!isPaymentCode(intent.code)) return { ok: false, reason: 'INVALID_CODE' };
	assertMoney(intent.amount);
	// The API's range for one payment (DESIGN.md "Money"): at least one minor unit, at most PAYMENT_AMOUNT_MAX_MINOR.
	if (intent.amount.amount < 1 || intent.amount.amount > PAYMENT_AMOUNT_MAX_MINOR) {
		return { ok: false, reason: 'INVALID_AMOUNT' };
	}
	const now = options.now ?? Date.now();

	return db.transaction('rw', db.outbox, db.meta, async (): Promise<EnqueueResult> => {
		const pending = await pendingEntries(db, options.merchantId);
		// A code pays once. One this tablet still holds unsent would be declined as used when the queue
		// syncs, after the customer has left with the goods: refuse the second charge now, while they are here.
		const queued = pending.find((e) => e.code === intent.code);
		if (queued) return { ok: false, reason: 'CODE_ALREADY_QUEUED', amount: queued.amount, at: queued.scannedAt };
		if (options.offline) {
			// Online the server says it at once; offline the tablet's own answers are all there is to go by.
			const used = await answeredWithCode(db, options.merchantId, intent.code, now);
			if (used) return used;
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

/**
 * How far back the outbox is searched for a code already answered: a code lives a minute, and a screenshot of one
 * shown again is a matter of the same day, as is the server's window for a queued scan (OFFLINE_WINDOW_MS).
 */
const ANSWERED_CODE_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/** The refusal for a code this merchant's till already has a server payment for (paid or declined), if any. */
async function answeredWithCode(db: PosOfflineDb, merchantId: string, code: string, now: number): Promise<EnqueueRefusal | null> {
	const since = new Date(now - ANSWERED_CODE_LOOKBACK_MS).toISOString();
	const entry = await db.outbox
		.where('createdAt')
		.aboveOrEqual(since)
		.filter((e) => e.merchantId === merchantId && e.code === code && e.payment !== undefined && e.payment !== null)
		.last();
	const payment = entry?.payment;
	if (!entry || !payment) return null;
	return { ok: false, reason: 'CODE_ALREADY_USED', paid: payment.status !== 'declined', amount: payment.amount, at: payment.settledAt ?? entry.createdAt };
}
