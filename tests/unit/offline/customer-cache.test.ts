import { describe, expect, it } from 'vitest';
import {
	CUSTOMER_SNAPSHOT_MAX_AGE_MS,
	CUSTOMER_SNAPSHOT_MAX_BYTES,
	forgetOtherCustomers,
	loadCustomerSnapshot,
	loadHistorySnapshot,
	saveCustomerPart,
	saveCustomerSnapshot
} from '../../../src/lib/offline/customer-cache';

function memoryStorage() {
	const m = new Map<string, string>();
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v),
		removeItem: (k: string) => void m.delete(k),
		key: (i: number) => [...m.keys()][i] ?? null,
		get length() {
			return m.size;
		},
		keys: () => [...m.keys()]
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

	it('forgets it on sign-out, and leaves the phone’s other settings alone', () => {
		const s = memoryStorage();
		s.setItem('pos.lang', 'zh');
		saveCustomerSnapshot(s, 'alice', snap);
		saveCustomerPart(s, 'history', 'alice', history);
		forgetOtherCustomers(s, null);
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
		expect(loadHistorySnapshot(s, 'alice', NOW)).toBeNull();
		expect(s.keys()).toEqual(['pos.lang']);
	});
});

const history = {
	payments: [{ id: 'pay_1' }],
	topUps: [{ id: 'trf_1' }],
	refunds: [],
	morePayments: false,
	savedAt: new Date(NOW - 60_000).toISOString()
};

describe('the customer’s wallet history on the phone', () => {
	it('gives back what was saved, for that customer only, apart from the wallet', () => {
		const s = memoryStorage();
		expect(saveCustomerPart(s, 'history', 'alice', history)).toBe(true);
		expect(loadHistorySnapshot(s, 'alice', NOW)).toEqual(history);
		expect(loadHistorySnapshot(s, 'bob', NOW)).toBeNull();
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
	});

	it('is not kept when too big for the phone, nor given back when not a history', () => {
		const s = memoryStorage();
		const huge = { ...history, payments: [{ id: 'x'.repeat(CUSTOMER_SNAPSHOT_MAX_BYTES) }] };
		expect(saveCustomerPart(s, 'history', 'alice', huge)).toBe(false);
		expect(loadHistorySnapshot(s, 'alice', NOW)).toBeNull();
		s.setItem('pos.customer-history.alice', JSON.stringify({ savedAt: history.savedAt, payments: 'no' }));
		expect(loadHistorySnapshot(s, 'alice', NOW)).toBeNull();
	});

	it('a phone shared: keeping one customer’s data forgets every other customer’s', () => {
		const s = memoryStorage();
		saveCustomerSnapshot(s, 'alice', snap);
		saveCustomerPart(s, 'history', 'alice', history);
		saveCustomerPart(s, 'history', 'bob', history);
		forgetOtherCustomers(s, 'bob');
		expect(loadCustomerSnapshot(s, 'alice', NOW)).toBeNull();
		expect(loadHistorySnapshot(s, 'alice', NOW)).toBeNull();
		expect(loadHistorySnapshot(s, 'bob', NOW)).toEqual(history);
	});
});
