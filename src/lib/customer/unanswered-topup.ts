/**
 * A top-up whose answer never came (the connection dropped, the phone went offline): the money may or may not have
 * gone in. Its Idempotency-Key is kept on the phone, per customer, so that trying again after closing the dialog or
 * reloading the page repeats that same request, which the server carries out once (DESIGN.md), instead of sending
 * a new one that would add the money a second time. Forgotten once any answer says what happened.
 */
import type { Money } from '$lib/money/money';

export interface UnansweredTopUp {
	amount: Money;
	key: string;
	/** When it was sent (ms since the epoch). */
	at: number;
}

/** After a day the customer has seen their balance and history many times over: the note would only puzzle. */
export const UNANSWERED_TOPUP_KEPT_MS = 24 * 60 * 60 * 1000;

const storageKey = (customerId: string) => `pos.customer.topup.${customerId}`;

export function loadUnansweredTopUp(storage: Storage, customerId: string, now: number): UnansweredTopUp | null {
	try {
		const kept = JSON.parse(storage.getItem(storageKey(customerId)) ?? 'null') as Partial<UnansweredTopUp> | null;
		const amount = kept?.amount;
		if (
			!kept ||
			typeof kept.key !== 'string' ||
			typeof kept.at !== 'number' ||
			!Number.isSafeInteger(amount?.amount) ||
			typeof amount?.currency !== 'string' ||
			now - kept.at > UNANSWERED_TOPUP_KEPT_MS
		) {
			return null;
		}
		return { amount: { amount: amount.amount, currency: amount.currency }, key: kept.key, at: kept.at };
	} catch {
		return null;
	}
}

export function saveUnansweredTopUp(storage: Storage, customerId: string, topUp: UnansweredTopUp): void {
	try {
		storage.setItem(storageKey(customerId), JSON.stringify(topUp));
	} catch {
		// Storage full or refused: the dialog still keeps the key while it is open.
	}
}

export function forgetUnansweredTopUp(storage: Storage, customerId: string): void {
	try {
		storage.removeItem(storageKey(customerId));
	} catch {
		// Nothing kept, nothing to forget.
	}
}
