/**
 * The day's payments on Today as they are read (a page at a time, from the newest) and as they arrive live (a refund,
 * a sale at another till). Pure: the page keeps the list and gives it here with what came.
 */
import type { Payment } from '$lib/api/types';
import { newestFirst } from './rows';

/** A payment never leaves the day, and one may arrive as an event while a page is read: both are kept, once. */
export function mergeRead(payments: readonly Payment[], read: readonly Payment[]): Payment[] {
	const ids = new Set(read.map((p) => p.id));
	return [...payments.filter((p) => !ids.has(p.id)), ...read].sort(newestFirst);
}

/**
 * Where a payment that arrived live goes: `list`, the day's list with it (in its place if listed, else first);
 * `readNotes`, it is not the day's but changes the Day report's notes under the list.
 */
export type Placed = { list: Payment[]; readNotes: false } | { list: null; readNotes: boolean };

/** `settledOnDay` says whether a payment not listed yet, settled at that time (ISO 8601), belongs to the day shown. */
export function placePayment(payments: readonly Payment[], p: Payment, settledOnDay: (settledAt: string) => boolean): Placed {
	const i = payments.findIndex((q) => q.id === p.id);
	if (i >= 0) {
		const copy = payments.slice();
		copy[i] = p;
		return { list: copy, readNotes: false };
	}
	if (p.settledAt && settledOnDay(p.settledAt)) return { list: [p, ...payments], readNotes: false };
	// Another day's payment is not today's; one refunded now (here or on another tablet, from its own day's list) is
	// in today's refunds, and yesterday's declined sale noted as paid in cash this morning in today's cash.
	return { list: null, readNotes: p.refunded.amount > 0 || !!p.paidInCash };
}
