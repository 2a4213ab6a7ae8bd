/**
 * The wallet's history as the customer reads it: payments, refunds and top-ups in one list, newest first, so the
 * balance can be followed line by line. A refund is a line of its own on the day it was made (a balance that went
 * up today is explained by a line dated today), and its payment keeps its own day. Pure; the history page loads
 * the three lists and asks this.
 */
import type { Money, Payment, WalletRefund } from '$lib/api/types';

export interface TopUp {
	id: string;
	amount: Money;
	at: string;
	/** The shop whose cashier took the cash and put it on the wallet; null (or absent, kept before) for the customer's own. */
	shop?: string | null;
	/** The shop took a counter top-up back (a manager's reversal): `amount` left the wallet. Absent (kept before): false. */
	reversal?: boolean;
}

export type HistoryEntry =
	| { kind: 'payment'; id: string; at: number; payment: Payment }
	| { kind: 'topup'; id: string; at: number; topUp: TopUp }
	/** `paymentShown`: the refunded payment is in the list too, so the refund's line can lead to it. */
	| { kind: 'refund'; id: string; at: number; refund: WalletRefund; paymentShown: boolean };

export interface HistoryLists {
	payments: readonly Payment[];
	topUps: readonly TopUp[];
	refunds: readonly WalletRefund[];
	/** Older payments are still to be loaded. */
	morePayments: boolean;
}

/** When a payment happened, for ordering the history: settled, or else scanned. */
export const paymentTime = (p: Pick<Payment, 'settledAt' | 'scannedAt'>) => Date.parse(p.settledAt ?? p.scannedAt ?? '') || 0;

/**
 * Newest first. While older payments are still to be loaded (`morePayments`), top-ups and refunds older than the
 * oldest payment shown wait for them: listed now, they would sit above payments made before them.
 */
export function historyEntries({ payments, topUps, refunds, morePayments }: HistoryLists): HistoryEntry[] {
	const entries: HistoryEntry[] = payments.map((payment) => ({ kind: 'payment', id: payment.id, at: paymentTime(payment), payment }));
	const oldestPayment = entries.reduce((oldest, e) => Math.min(oldest, e.at), Infinity);
	const waits = (at: number) => morePayments && at < oldestPayment;
	for (const topUp of topUps) {
		const at = Date.parse(topUp.at);
		if (!waits(at)) entries.push({ kind: 'topup', id: topUp.id, at, topUp });
	}
	const shown = new Set(payments.map((p) => p.id));
	for (const refund of refunds) {
		const at = Date.parse(refund.createdAt);
		if (!waits(at)) entries.push({ kind: 'refund', id: refund.id, at, refund, paymentShown: shown.has(refund.paymentId) });
	}
	// Ties (the same millisecond) keep a stable order: by id, which is time-ordered too.
	return entries.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * The payments shown after one arrives live (made, or refunded): it replaces its line, or goes on top. One older
 * than every payment shown while older ones are still to load (a refund of last month's) waits for its page:
 * listed now, it would leave a gap above it, the payments and top-ups between not yet read.
 */
export function withLivePayment(payments: readonly Payment[], p: Payment, morePayments: boolean): Payment[] {
	const i = payments.findIndex((q) => q.id === p.id);
	if (i >= 0) return payments.map((q) => (q.id === p.id ? p : q));
	if (morePayments && paymentTime(p) < Math.min(...payments.map(paymentTime))) return [...payments];
	return [p, ...payments];
}

/**
 * The kept history with the payments that arrived live (the event stream carries each one whole) folded in, and by how
 * much they moved the balance, in minor units: so the phone need not read its three lists again after each payment.
 * Null where the events do not carry enough, and the lists must be read: a refund (its own line, with its id, date and
 * the cash it returned, is not in the event), a kept payment changed in another way, or a payment older than every one
 * kept while older ones exist (where it goes among those is not known here).
 */
export function withLivePayments(lists: HistoryLists, live: readonly Payment[]): { lists: HistoryLists; balanceChangeMinor: number } | null {
	let payments = [...lists.payments];
	let balanceChangeMinor = 0;
	for (const p of live) {
		const kept = payments.find((q) => q.id === p.id);
		if (kept) {
			// The same payment told again (a duplicate event, or one the last read already had): the balance did not move.
			if (kept.status !== p.status || kept.refunded.amount !== p.refunded.amount) return null;
		} else {
			if (p.status !== 'succeeded' && p.status !== 'declined') return null;
			if (lists.morePayments && payments.length > 0 && paymentTime(p) < Math.min(...payments.map(paymentTime))) return null;
			if (!Number.isSafeInteger(p.charged.amount)) return null;
			// A declined payment took nothing; a paid one took what it charged (the coupon's part came from elsewhere).
			if (p.status === 'succeeded') balanceChangeMinor -= p.charged.amount;
		}
		payments = withLivePayment(payments, p, lists.morePayments);
	}
	return { lists: { ...lists, payments }, balanceChangeMinor };
}

/**
 * The first of each id, in order. A page read after a live event may hold a row the event already added (a
 * refund read again, a payment refunded while its page was loading), and one id twice would break the list.
 */
export function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
	const seen = new Set<string>();
	return items.filter((item) => !seen.has(item.id) && (seen.add(item.id), true));
}

/**
 * Payments of the history kept on the phone for reading offline: three pages, a few screens (a payment is about 600
 * characters, well inside the phone's snapshot size). More were shown ("Show more")? The newest are kept.
 */
export const HISTORY_KEPT_PAYMENTS_MAX = 60;

/**
 * What of the lists is kept on the phone: the newest `max` payments, and the top-ups and refunds listed among them.
 * Cut short, the copy says older payments exist, so that offline it lists nothing older than its oldest payment.
 */
export function historyToKeep(lists: HistoryLists, max: number = HISTORY_KEPT_PAYMENTS_MAX): HistoryLists {
	const payments = [...lists.payments].sort((a, b) => paymentTime(b) - paymentTime(a)).slice(0, max);
	const kept: HistoryLists = { ...lists, payments, morePayments: lists.morePayments || lists.payments.length > max };
	const listed = new Set(historyEntries(kept).map((e) => e.id));
	return { ...kept, topUps: lists.topUps.filter((t) => listed.has(t.id)), refunds: lists.refunds.filter((r) => listed.has(r.id)) };
}
