import { describe, expect, it } from 'vitest';
import type { Payment } from '$lib/api/types';
import { historyEntries, type TopUp } from '$lib/customer/history';

const payment = (id: string, at: string) => ({ id, settledAt: at, scannedAt: at }) as unknown as Payment;
const topUp = (id: string, at: string): TopUp => ({ id, at, amount: { amount: 5_000, currency: 'CNY' } });

describe('the wallet history: payments and top-ups in one list', () => {
	const payments = [payment('pay_3', '2026-12-01T12:00:00Z'), payment('pay_2', '2026-12-01T10:00:00Z')];
	const topUps = [topUp('trf_2', '2026-12-01T11:00:00Z'), topUp('trf_1', '2026-12-01T09:00:00Z')];

	it('newest first, each top-up between the payments made around it', () => {
		expect(historyEntries(payments, topUps, false).map((e) => e.id)).toEqual(['pay_3', 'trf_2', 'pay_2', 'trf_1']);
	});

	it('while older payments are still to load, a top-up older than all shown waits for them', () => {
		expect(historyEntries(payments, topUps, true).map((e) => e.id)).toEqual(['pay_3', 'trf_2', 'pay_2']);
	});

	it('only top-ups, or nothing at all', () => {
		expect(historyEntries([], topUps, false).map((e) => e.id)).toEqual(['trf_2', 'trf_1']);
		expect(historyEntries([], [], false)).toEqual([]);
	});
});
