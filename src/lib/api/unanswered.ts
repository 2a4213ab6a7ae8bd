/**
 * A request that moves money and got no answer (the connection dropped, the tablet or phone went offline): it may or
 * may not have been carried out. Its Idempotency-Key is kept on the device, so that doing the same thing again
 * after closing the dialog or reloading the page repeats that same request, which the server carries out once
 * (DESIGN.md), instead of sending a new one that would move the money a second time. Forgotten once an answer says
 * what happened. Used for a customer's top-up (one slot per customer) and a cashier's refund (one per payment).
 */
import type { Money } from '$lib/money/money';
import { ApiError } from './client';

export interface Unanswered {
	/** What was asked: the amount (a top-up's, a partial refund's), or null for "all that is left". */
	amount: Money | null;
	key: string;
	/** When it was sent (ms since the epoch). */
	at: number;
}

/** After a day the outcome has long been on every screen: the note would only puzzle. */
export const UNANSWERED_KEPT_MS = 24 * 60 * 60 * 1000;

const PREFIX = 'pos.unanswered.';
const storageKey = (slot: string) => PREFIX + slot;

function isMoney(value: unknown): value is Money {
	const m = value as Partial<Money> | null;
	return typeof m === 'object' && m !== null && Number.isSafeInteger(m.amount) && typeof m.currency === 'string';
}

/** The device's storage, or null where it is refused (a private window): the dialog then keeps its key while open. */
export function deviceStorage(): Storage | null {
	try {
		return localStorage;
	} catch {
		return null;
	}
}

export function loadUnanswered(storage: Storage, slot: string, now: number): Unanswered | null {
	try {
		const kept = JSON.parse(storage.getItem(storageKey(slot)) ?? 'null') as Partial<Unanswered> | null;
		if (
			typeof kept !== 'object' ||
			kept === null ||
			typeof kept.key !== 'string' ||
			typeof kept.at !== 'number' ||
			!(kept.amount === null || isMoney(kept.amount))
		) {
			return null;
		}
		if (now - kept.at > UNANSWERED_KEPT_MS) {
			storage.removeItem(storageKey(slot));
			return null;
		}
		return { amount: kept.amount && { amount: kept.amount.amount, currency: kept.amount.currency }, key: kept.key, at: kept.at };
	} catch {
		return null;
	}
}

export function saveUnanswered(storage: Storage, slot: string, request: Unanswered): void {
	try {
		// A refund's slot names what the payment showed then: one never looked up again is cleared here, a day on.
		for (let i = storage.length - 1; i >= 0; i--) {
			const name = storage.key(i);
			if (name?.startsWith(PREFIX) && name !== storageKey(slot)) loadUnanswered(storage, name.slice(PREFIX.length), request.at);
		}
		storage.setItem(storageKey(slot), JSON.stringify(request));
	} catch {
		// Storage full or refused: the dialog still keeps the key while it is open.
	}
}

export function forgetUnanswered(storage: Storage, slot: string): void {
	try {
		storage.removeItem(storageKey(slot));
	} catch {
		// Nothing kept, nothing to forget.
	}
}

/**
 * An error that says the request with this key moved nothing, so its key may be forgotten: the server refused the
 * request itself (its amount, the payment's state), which it checks only after finding the key unused (a key used
 * before is answered with its first answer). Not so: no answer; the first try still at work (`IN_PROGRESS`); a
 * session, permission or rate refusal, or a server or database failure, which may come before the key is looked up
 * and say nothing of an earlier try with it.
 */
export function provesNothingMoved(error: unknown): boolean {
	if (!(error instanceof ApiError)) return false;
	if (error.status < 400 || error.status >= 500) return false;
	return ![401, 403, 408, 429].includes(error.status) && error.code !== 'IN_PROGRESS';
}

/** The same request again: the same amount, or both "all that is left". */
export function sameAmount(a: Money | null, b: Money | null): boolean {
	return a === null || b === null ? a === b : a.amount === b.amount && a.currency === b.currency;
}
