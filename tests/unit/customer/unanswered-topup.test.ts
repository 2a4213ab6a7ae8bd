import { describe, expect, it } from 'vitest';
import {
	forgetUnansweredTopUp,
	loadUnansweredTopUp,
	saveUnansweredTopUp,
	UNANSWERED_TOPUP_KEPT_MS
} from '../../../src/lib/customer/unanswered-topup';

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

describe('an unanswered top-up kept on the phone', () => {
	it('comes back for the customer who sent it, with its key, and for no one else', () => {
		const storage = new MemoryStorage();
		saveUnansweredTopUp(storage, 'cus_carol', topUp);
		expect(loadUnansweredTopUp(storage, 'cus_carol', AT + 60_000)).toEqual(topUp);
		expect(loadUnansweredTopUp(storage, 'cus_alice', AT + 60_000)).toBeNull();
	});

	it('is forgotten once an answer came', () => {
		const storage = new MemoryStorage();
		saveUnansweredTopUp(storage, 'cus_carol', topUp);
		forgetUnansweredTopUp(storage, 'cus_carol');
		expect(loadUnansweredTopUp(storage, 'cus_carol', AT)).toBeNull();
	});

	it('is no longer offered a day later', () => {
		const storage = new MemoryStorage();
		saveUnansweredTopUp(storage, 'cus_carol', topUp);
		expect(loadUnansweredTopUp(storage, 'cus_carol', AT + UNANSWERED_TOPUP_KEPT_MS)).toEqual(topUp);
		expect(loadUnansweredTopUp(storage, 'cus_carol', AT + UNANSWERED_TOPUP_KEPT_MS + 1)).toBeNull();
	});

	it('reads nothing from a damaged entry rather than failing the dialog', () => {
		const storage = new MemoryStorage();
		for (const damaged of ['{', '"text"', '{"key":"k","at":1}', JSON.stringify({ ...topUp, amount: { amount: 1.5, currency: 'CNY' } })]) {
			storage.setItem('pos.customer.topup.cus_carol', damaged);
			expect(loadUnansweredTopUp(storage, 'cus_carol', AT)).toBeNull();
		}
	});
});
