/**
 * The last paid sale at this counter, kept in the tab's sessionStorage so that a reload right after a charge
 * (a tap on refresh, an app update) shows "Payment received" again instead of an empty counter that leaves
 * the cashier wondering whether the customer paid. The next sale clears it. sessionStorage, not localStorage:
 * it belongs to this tab's screen, not to the tablet's history (Today has that).
 */
import type { Payment } from '$lib/api/types';

const STORAGE_KEY = 'pos.cashier.lastOutcome';

/**
 * A kept outcome older than this is not shown: after 30 minutes the customer is long gone and an old
 * "Payment received" would only be mistaken for a new one.
 */
export const LAST_OUTCOME_KEPT_MS = 30 * 60_000;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Kept {
	savedAt: number;
	payment: Payment;
}

/** The tab's sessionStorage, or null where there is none (server rendering, storage blocked). */
export function tabStorage(): Store | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

export function keepLastOutcome(store: Store | null, payment: Payment, now = Date.now()): void {
	try {
		store?.setItem(STORAGE_KEY, JSON.stringify({ savedAt: now, payment } satisfies Kept));
	} catch {
		// Storage full or blocked: a reload then shows an empty counter.
	}
}

export function forgetLastOutcome(store: Store | null): void {
	try {
		store?.removeItem(STORAGE_KEY);
	} catch {
		// Nothing kept.
	}
}

/**
 * The paid sale kept for this cashier at this shop, or null (none, another shop's or another cashier's, too old,
 * or unreadable). Another cashier signing in at the same tab after a sign-out must not find "Payment received"
 * for a sale they never took, nor print its receipt under their name.
 */
export function lastOutcome(store: Store | null, who: { merchantId: string; cashierId: string } | null, now = Date.now()): Payment | null {
	let kept: Partial<Kept> | null = null;
	try {
		kept = JSON.parse(store?.getItem(STORAGE_KEY) ?? 'null') as Partial<Kept> | null;
	} catch {
		return null;
	}
	const p = kept?.payment;
	if (!kept || !p || typeof kept.savedAt !== 'number') return null;
	if (now - kept.savedAt > LAST_OUTCOME_KEPT_MS || kept.savedAt > now) return null;
	if (p.status !== 'succeeded' || typeof p.id !== 'string' || !who || p.merchantId !== who.merchantId || p.cashierId !== who.cashierId) return null;
	// Figures shown as money must be whole minor units, as everywhere else.
	const figures = [p.amount, p.deduction, p.charged];
	if (!figures.every((m) => m && Number.isSafeInteger(m.amount) && typeof m.currency === 'string')) return null;
	return p;
}
