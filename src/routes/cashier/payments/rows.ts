/**
 * Today's rows: the day's payments as the server lists them, and the sales this tablet took offline that wait in its
 * outbox to be sent. A waiting sale is not a payment yet (the server may still decline it, and it has no customer, no
 * coupon, no charge until then), so it is a row of its own kind, with no refund, and the day's totals leave it out.
 * Once sent it is listed once, as the payment the server made of it. Pure: the page gives it what it has.
 */
import type { Money, Payment } from '$lib/api/types';
import type { OutboxEntry } from '$lib/offline/types';

export type TodayRow = { kind: 'payment'; key: string; payment: Payment } | { kind: 'waiting'; key: string; entry: OutboxEntry };

/** When a payment happened, as Today shows it: settled (paid or declined), else scanned. */
function paymentMs(p: Payment): number {
	return Date.parse(p.settledAt ?? p.scannedAt ?? '') || 0;
}

/** When a waiting sale was taken: its scan, on the server's clock (the tablet stamps it so). */
function entryMs(e: OutboxEntry): number {
	return Date.parse(e.scannedAt) || 0;
}

/**
 * The waiting sales not yet listed as a payment. A big queue is sent in batches the server commits in parts, and each
 * part's payments reach Today live, before the tablet has the batch's answer: for that moment a sale is both in the
 * queue and in the list, and is shown once, as its payment. The server keeps a sale's scan time (to the millisecond),
 * amount and cashier, and one cashier's two scans never share a millisecond.
 */
export function stillWaiting(waiting: readonly OutboxEntry[], payments: readonly Payment[]): OutboxEntry[] {
	if (waiting.length === 0) return [];
	const listed = new Set(payments.map((p) => (p.scannedAt ? saleKey(p.cashierId, p.amount.amount, Date.parse(p.scannedAt)) : '')));
	return waiting.filter((e) => !listed.has(saleKey(e.cashierId, e.amount.amount, entryMs(e))));
}

function saleKey(cashierId: string, amountMinor: number, scannedMs: number): string {
	return `${cashierId} ${amountMinor} ${scannedMs}`;
}

/** Newest first, as the server lists them (its ids follow the settle time). */
export function newestFirst(a: Payment, b: Payment): number {
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The day's payments with the ones the outbox was just answered with (`answered`, the server's payments for sales
 * sent from this tablet) that the list has not read yet: a sale leaves the queue as its answer arrives, and is shown
 * as that payment from then on, not only once the list reads it again. The list's own copy wins (it may be newer: a
 * refund). `ofToday` says which answered payments belong to the day shown.
 */
export function withAnswered(payments: readonly Payment[], answered: readonly Payment[], ofToday: (p: Payment) => boolean): readonly Payment[] {
	if (answered.length === 0) return payments;
	const ids = new Set(payments.map((p) => p.id));
	const extra = answered.filter((p) => !ids.has(p.id) && ofToday(p));
	if (extra.length === 0) return payments;
	const unique = [...new Map(extra.map((p) => [p.id, p])).values()];
	return [...payments, ...unique].sort(newestFirst);
}

/**
 * One list in time order, newest first: `payments` as the server orders them, each waiting sale placed by the time
 * it was taken. Waiting sales taken at the same time keep the order they were taken in (the latest first).
 */
export function todayRows(payments: readonly Payment[], waiting: readonly OutboxEntry[]): TodayRow[] {
	const queue = [...waiting].sort((a, b) => entryMs(b) - entryMs(a) || b.sequence - a.sequence);
	const rows: TodayRow[] = [];
	let next = 0;
	for (const p of payments) {
		const at = paymentMs(p);
		while (next < queue.length && entryMs(queue[next]) >= at) {
			rows.push({ kind: 'waiting', key: queue[next].idempotencyKey, entry: queue[next] });
			next++;
		}
		rows.push({ kind: 'payment', key: p.id, payment: p });
	}
	for (; next < queue.length; next++) rows.push({ kind: 'waiting', key: queue[next].idempotencyKey, entry: queue[next] });
	return rows;
}

/** What the waiting sales ask in all (before any coupon: the server works that out when it takes them). */
export function waitingTotal(waiting: readonly OutboxEntry[], currency: string): Money {
	let amount = 0;
	for (const e of waiting) amount += e.amount.amount;
	if (!Number.isSafeInteger(amount)) throw new Error(`waiting sales add up past a safe integer: ${amount}`);
	return { amount, currency };
}
