/**
 * The wallet's history as the customer reads it: payments (with their refunds) and top-ups in one list, newest
 * first, so the balance can be followed line by line. Pure; the history page loads both lists and asks this.
 */
import type { Money, Payment } from '$lib/api/types';

export interface TopUp {
	id: string;
	amount: Money;
	at: string;
}

export type HistoryEntry = { kind: 'payment'; id: string; at: number; payment: Payment } | { kind: 'topup'; id: string; at: number; topUp: TopUp };

/** When a payment happened, for ordering the history: settled, or else scanned. */
export const paymentTime = (p: Pick<Payment, 'settledAt' | 'scannedAt'>) => Date.parse(p.settledAt ?? p.scannedAt ?? '') || 0;

/**
 * Newest first. While older payments are still to be loaded (`morePayments`), top-ups older than the oldest
 * payment shown wait for them: listed now, they would sit above payments made before them.
 */
export function historyEntries(payments: readonly Payment[], topUps: readonly TopUp[], morePayments: boolean): HistoryEntry[] {
	const entries: HistoryEntry[] = payments.map((payment) => ({ kind: 'payment', id: payment.id, at: paymentTime(payment), payment }));
	const oldestPayment = entries.reduce((oldest, e) => Math.min(oldest, e.at), Infinity);
	for (const topUp of topUps) {
		const at = Date.parse(topUp.at);
		if (morePayments && at < oldestPayment) continue;
		entries.push({ kind: 'topup', id: topUp.id, at, topUp });
	}
	// Ties (the same millisecond) keep a stable order: by id, which is time-ordered too.
	return entries.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
