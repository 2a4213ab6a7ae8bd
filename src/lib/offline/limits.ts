// Offline acceptance is at the merchant's risk (DESIGN.md "Offline cashier"), so like a card
// terminal's store-and-forward it has limits. Each refusal is a named reason the UI can show.
import type { Money } from './types';

export interface OfflineLimits {
	/** The largest single payment taken while offline, in minor units. */
	perPaymentMax: Money;
	/** The most this terminal may hold unsent at once (sum of queued amounts), in minor units. */
	totalMax: Money;
	/** The most payments this terminal may hold unsent at once. */
	countMax: number;
}

/**
 * Defaults for a small shop: 500.00 per payment, 2,000.00 in total, 50 payments. A café's
 * biggest orders stay under the first, and a lost tablet never costs more than the second.
 * Merchants configure their own; the caller passes them in.
 */
export function defaultOfflineLimits(currency: string): OfflineLimits {
	return {
		perPaymentMax: { amount: 50_000, currency },
		totalMax: { amount: 200_000, currency },
		countMax: 50
	};
}

/** The shape of `offlineLimits` in the cashier's session answer (`POST /api/sessions`, `GET /api/me`). */
export interface SessionOfflineLimits {
	paymentMax: Money;
	totalMax: Money;
	countMax: number;
}

/** The shop's own limits from its session; the defaults when the server sends none. */
export function limitsOf(currency: string, fromSession: SessionOfflineLimits | undefined): OfflineLimits {
	if (!fromSession) return defaultOfflineLimits(currency);
	return { perPaymentMax: fromSession.paymentMax, totalMax: fromSession.totalMax, countMax: fromSession.countMax };
}

export type LimitRefusal =
	| { ok: false; reason: 'OFFLINE_PAYMENT_CAP'; limit: Money }
	| { ok: false; reason: 'OFFLINE_TOTAL_CAP'; limit: Money; pending: Money }
	| { ok: false; reason: 'OFFLINE_COUNT_CAP'; limit: number };

export type LimitCheck = { ok: true } | LimitRefusal;

/**
 * Whether one more offline payment of `amount` fits, given the amounts already waiting to be
 * sent. A limit is inclusive: a payment of exactly the cap is accepted.
 */
export function checkOfflineLimits(
	pending: readonly Money[],
	amount: Money,
	limits: OfflineLimits
): LimitCheck {
	assertMoney(amount);
	for (const limit of [limits.perPaymentMax, limits.totalMax]) {
		assertMoney(limit);
		if (limit.currency !== amount.currency) {
			throw new Error(`offline limit in ${limit.currency}, payment in ${amount.currency}`);
		}
	}
	if (!Number.isSafeInteger(limits.countMax) || limits.countMax < 0) {
		throw new RangeError(`countMax must be a non-negative integer, got ${limits.countMax}`);
	}

	if (amount.amount > limits.perPaymentMax.amount) {
		return { ok: false, reason: 'OFFLINE_PAYMENT_CAP', limit: limits.perPaymentMax };
	}
	if (pending.length + 1 > limits.countMax) {
		return { ok: false, reason: 'OFFLINE_COUNT_CAP', limit: limits.countMax };
	}
	let pendingMinor = 0;
	for (const m of pending) {
		assertMoney(m);
		if (m.currency !== amount.currency) throw new Error(`queued payment in ${m.currency}`);
		pendingMinor += m.amount;
	}
	if (pendingMinor + amount.amount > limits.totalMax.amount) {
		return {
			ok: false,
			reason: 'OFFLINE_TOTAL_CAP',
			limit: limits.totalMax,
			pending: { amount: pendingMinor, currency: amount.currency }
		};
	}
	return { ok: true };
}

export function assertMoney(m: Money): void {
	if (!Number.isSafeInteger(m.amount) || m.amount < 0) {
		throw new RangeError(`money amount must be a non-negative safe integer, got ${m.amount}`);
	}
	if (!/^[A-Z]{3}$/.test(m.currency)) throw new RangeError(`bad currency ${m.currency}`);
}
