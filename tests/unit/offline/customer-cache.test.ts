import { describe, expect, it } from 'vitest';
import {
	clearCustomerSnapshot,
	CUSTOMER_SNAPSHOT_MAX_AGE_MS,
	loadCustomerSnapshot,
	saveCustomerSnapshot
} from '../../../src/lib/offline/customer-cache';

function memoryStorage() {
	const m = new Map<string, string>();
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v),
		removeItem: (k: string) => void m.delete(k),
		size: () => m.size
	};
}

const NOW = Date.parse('2025-03-01T12:00:00Z');
const snap = {
	wallet: { accountId: 'a1', balance: { amount: 50_000, currency: 'CNY' } },
	coupons: [{ id: 'c1', title: '5 off' }],
	savedAt: new Date(NOW - 60_000).toISOString()
};

describe('the customer’s last known wallet and coupons on the phone', () => {
	it('gives back what was saved, for that customer only', () => {
		const s = memoryStorage();
		expect(saveCustomerSnapshot(s, 'alice', snap)).toBe(true);
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toEqual(snap);
		expect(loadCustomerSnapshot(s, 'bob', NOW)).toBeNull();
	});

	it('shows nothing older than 30 days, nor a snapshot from the future', () => {
		const s = memoryStorage();
		saveCustomerSnapshot(s, 'alice', { ...snap, savedAt: new Date(NOW - CUSTOMER_SNAPSHOT_MAX_AGE_MS - 1).toISOString() });
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
		saveCustomerSnapshot(s, 'alice', { ...snap, savedAt: new Date(NOW + 60_000).toISOString() });
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
	});

	it('survives garbage and a full storage without throwing', () => {
		const s = memoryStorage();
		s.setItem('pos.customer-snapshot.alice', '{not json');
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
		const full = { ...s, setItem: () => { throw new Error('QuotaExceededError'); } };
		expect(saveCustomerSnapshot(full, 'alice', snap)).toBe(false);
	});

	it('forgets it on sign-out', () => {
		const s = memoryStorage();
		saveCustomerSnapshot(s, 'alice', snap);
		clearCustomerSnapshot(s, 'alice');
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
	});
});
