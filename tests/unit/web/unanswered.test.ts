import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../../src/lib/api/client';
import { forgetUnanswered, loadUnanswered, provesNothingMoved, sameAmount, saveUnanswered, UNANSWERED_KEPT_MS } from '../../../src/lib/api/unanswered';

/** localStorage's shape, in memory. */
class MemoryStorage implements Storage {
	#items = new Map<string, string>();
	get length() {
		return this.#items.size;
	}
	clear() {
		this.#items.clear();
	}
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	key(index: number) {
		return [...this.#items.keys()][index] ?? null;
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	setItem(key: string, value: string) {
		this.#items.set(key, value);
	}
}

const AT = Date.UTC(2026, 11, 3, 5, 0);
const topUp = { amount: { amount: 20_000, currency: 'CNY' }, key: 'k-1', at: AT };

describe('a money request left without an answer, kept on the device', () => {
	it('comes back in its own slot, with its key, and in no other', () => {
		const storage = new MemoryStorage();
		saveUnanswered(storage, 'topup.cus_carol', topUp);
		expect(loadUnanswered(storage, 'topup.cus_carol', AT + 60_000)).toEqual(topUp);
		expect(loadUnanswered(storage, 'topup.cus_alice', AT + 60_000)).toBeNull();
	});

	it('keeps "all that is left" (a full refund) as no amount', () => {
		const storage = new MemoryStorage();
		saveUnanswered(storage, 'refund.pay_1', { amount: null, key: 'k-2', at: AT });
		expect(loadUnanswered(storage, 'refund.pay_1', AT)).toEqual({ amount: null, key: 'k-2', at: AT });
	});

	it('is forgotten once an answer came', () => {
		const storage = new MemoryStorage();
		saveUnanswered(storage, 'topup.cus_carol', topUp);
		forgetUnanswered(storage, 'topup.cus_carol');
		expect(loadUnanswered(storage, 'topup.cus_carol', AT)).toBeNull();
	});

	it('is no longer offered after a day, and is then cleared away', () => {
		const storage = new MemoryStorage();
		saveUnanswered(storage, 'topup.cus_carol', topUp);
		expect(loadUnanswered(storage, 'topup.cus_carol', AT + UNANSWERED_KEPT_MS)).toEqual(topUp);
		expect(loadUnanswered(storage, 'topup.cus_carol', AT + UNANSWERED_KEPT_MS + 1)).toBeNull();
		expect(storage.length).toBe(0);
	});

	it('clears the entries of other slots a day old when it keeps a new one', () => {
		const storage = new MemoryStorage();
		saveUnanswered(storage, 'refund.pay_1.0', { amount: null, key: 'k-old', at: AT });
		saveUnanswered(storage, 'refund.pay_2.0', { amount: null, key: 'k-young', at: AT + 1000 });
		saveUnanswered(storage, 'topup.cus_carol', { ...topUp, at: AT + UNANSWERED_KEPT_MS + 1 });
		expect(loadUnanswered(storage, 'refund.pay_1.0', AT)).toBeNull();
		expect(loadUnanswered(storage, 'refund.pay_2.0', AT + 1000)?.key).toBe('k-young');
		expect(storage.length).toBe(2);
	});

	it('reads nothing from a damaged entry rather than failing the dialog', () => {
		const storage = new MemoryStorage();
		for (const damaged of ['{', '"text"', 'null', '{"key":"k","at":1}', JSON.stringify({ ...topUp, amount: { amount: 1.5, currency: 'CNY' } })]) {
			storage.setItem('pos.unanswered.topup.cus_carol', damaged);
			expect(loadUnanswered(storage, 'topup.cus_carol', AT)).toBeNull();
		}
	});

	it('tells the same request from another', () => {
		const cny = (amount: number) => ({ amount, currency: 'CNY' });
		expect(sameAmount(cny(500), cny(500))).toBe(true);
		expect(sameAmount(cny(500), cny(501))).toBe(false);
		expect(sameAmount(null, null)).toBe(true);
		expect(sameAmount(null, cny(500))).toBe(false);
	});

	it('is forgotten only on an answer that proves the request moved nothing', () => {
		// Refused for itself, after the server found its key unused: nothing moved, now or before.
		expect(provesNothingMoved(new ApiError(422, 'REFUND_EXCEEDS_PAYMENT', ''))).toBe(true);
		expect(provesNothingMoved(new ApiError(409, 'NOT_REFUNDABLE', ''))).toBe(true);
		expect(provesNothingMoved(new ApiError(422, 'AMOUNT_OUT_OF_RANGE', ''))).toBe(true);
		// Says nothing of an earlier try with the key: no answer, still at work, or refused before the key is looked up.
		expect(provesNothingMoved(new NetworkError(new Error('offline')))).toBe(false);
		expect(provesNothingMoved(new ApiError(409, 'IN_PROGRESS', ''))).toBe(false);
		expect(provesNothingMoved(new ApiError(503, 'UNAVAILABLE', ''))).toBe(false);
		expect(provesNothingMoved(new ApiError(500, 'INTERNAL', ''))).toBe(false);
		expect(provesNothingMoved(new ApiError(401, 'UNAUTHENTICATED', ''))).toBe(false);
		expect(provesNothingMoved(new ApiError(429, 'RATE_LIMITED', ''))).toBe(false);
	});
});
