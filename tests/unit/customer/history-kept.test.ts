import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payment } from '$lib/api/types';
import type { HistoryLists, TopUp } from '$lib/customer/history';
import { foldIntoKept, keepHistory, keptHistory } from '../../../src/routes/customer/history-kept';

/** localStorage for the phone (history-kept.ts reads it through phoneStorage()). */
function memoryStorage(): Storage {
	const m = new Map<string, string>();
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v),
		removeItem: (k: string) => void m.delete(k),
		clear: () => m.clear(),
		key: (i: number) => [...m.keys()][i] ?? null,
		get length() {
			return m.size;
		}
	};
}

const topUp = (id: string, at: string, amount: number): TopUp => ({ id, at, amount: { amount, currency: 'CNY' } });
const lists = (topUps: TopUp[]): HistoryLists => ({ payments: [], topUps, refunds: [], morePayments: false });
const always = () => true;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('the wallet history kept on the phone, when reads overlap', () => {
	beforeEach(() => {
		(globalThis as { localStorage?: Storage }).localStorage = memoryStorage();
	});
	afterEach(() => {
		delete (globalThis as { localStorage?: Storage }).localStorage;
	});
	const firstTopUp = topUp('trf_1', ago(3_600_000), 2_500);
	const moneyAdded = topUp('trf_2', ago(30_000), 10_000);
	const keptIds = () => keptHistory('c1')?.topUps.map((t) => t.id);

	it('a read sent before another, answering after it, does not replace the newer copy (money added meanwhile stays)', () => {
		const olderSent = ago(60_000);
		const newerSent = ago(20_000);
		keepHistory('c1', lists([moneyAdded, firstTopUp]), always, newerSent);
		keepHistory('c1', lists([firstTopUp]), always, olderSent);
		expect(keptIds()).toEqual(['trf_2', 'trf_1']);
		expect(keptHistory('c1')?.savedAt).toBe(newerSent);
	});

	it('a read sent later, or at the same moment, replaces it; the copy is dated by when its read was sent', () => {
		const sent = ago(60_000);
		keepHistory('c1', lists([firstTopUp]), always, sent);
		keepHistory('c1', lists([moneyAdded, firstTopUp]), always, sent);
		expect(keptIds()).toEqual(['trf_2', 'trf_1']);
		const later = ago(1_000);
		keepHistory('c1', lists([firstTopUp]), always, later);
		expect(keptIds()).toEqual(['trf_1']);
		expect(keptHistory('c1')?.savedAt).toBe(later);
	});

	it('payments told live are folded in as of now: a read sent before the fold does not undo it', () => {
		keepHistory('c1', lists([firstTopUp]), always, ago(120_000));
		const paid = { id: 'pay_1', status: 'succeeded', settledAt: ago(10_000), scannedAt: ago(10_000), charged: { amount: 500, currency: 'CNY' }, refunded: { amount: 0, currency: 'CNY' } } as unknown as Payment;
		expect(foldIntoKept('c1', [paid], 2_500, 2_000, always)).toBe(true);
		keepHistory('c1', lists([firstTopUp]), always, ago(5_000));
		expect(keptHistory('c1')?.payments.map((p) => p.id)).toEqual(['pay_1']);
	});

	it('nothing is kept for a customer no longer signed in', () => {
		keepHistory('c1', lists([firstTopUp]), () => false, ago(1_000));
		expect(keptHistory('c1')).toBeNull();
	});
});
