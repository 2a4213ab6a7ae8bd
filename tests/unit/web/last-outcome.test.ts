import { describe, expect, it } from 'vitest';
import { forgetLastOutcome, keepLastOutcome, LAST_OUTCOME_KEPT_MS, lastOutcome } from '../../../src/routes/cashier/last-outcome';
import { payment } from '../offline/fixtures';

function memoryStore() {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	};
}

describe('the last paid sale, kept across a reload', () => {
	const now = Date.parse('2026-12-01T10:00:00Z');
	/** The cashier who took the fixtures' payment, at its shop. */
	const me = { merchantId: 'm1', cashierId: 'c1' };

	it('comes back as it was kept, until the next sale forgets it', () => {
		const store = memoryStore();
		const paid = payment({ id: 'pay_9', amount: { amount: 2834, currency: 'CNY' } });
		keepLastOutcome(store, paid, now);
		expect(lastOutcome(store, me, now + 1_000)).toEqual(paid);
		forgetLastOutcome(store);
		expect(lastOutcome(store, me, now + 2_000)).toBeNull();
	});

	it('is not shown to another shop signed in on the same tab', () => {
		const store = memoryStore();
		keepLastOutcome(store, payment(), now);
		expect(lastOutcome(store, { merchantId: 'm2', cashierId: 'c1' }, now)).toBeNull();
		expect(lastOutcome(store, null, now)).toBeNull();
	});

	it('is not shown to another cashier of the shop signed in after a sign-out: it is not their sale', () => {
		const store = memoryStore();
		keepLastOutcome(store, payment(), now);
		expect(lastOutcome(store, { merchantId: 'm1', cashierId: 'c2' }, now)).toBeNull();
		expect(lastOutcome(store, me, now)).not.toBeNull();
	});

	it('is not shown once it is old, at the boundary and after', () => {
		const store = memoryStore();
		keepLastOutcome(store, payment(), now);
		expect(lastOutcome(store, me, now + LAST_OUTCOME_KEPT_MS)).not.toBeNull();
		expect(lastOutcome(store, me, now + LAST_OUTCOME_KEPT_MS + 1)).toBeNull();
	});

	it('ignores what it cannot trust: garbage, a decline, figures that are not whole minor units', () => {
		const store = memoryStore();
		store.setItem('pos.cashier.lastOutcome', '{not json');
		expect(lastOutcome(store, me, now)).toBeNull();
		keepLastOutcome(store, payment({ status: 'declined' }), now);
		expect(lastOutcome(store, me, now)).toBeNull();
		keepLastOutcome(store, payment({ charged: { amount: 28.34, currency: 'CNY' } }), now);
		expect(lastOutcome(store, me, now)).toBeNull();
	});

	it('does nothing without storage', () => {
		expect(() => keepLastOutcome(null, payment(), now)).not.toThrow();
		expect(lastOutcome(null, me, now)).toBeNull();
	});
});
