import { describe, expect, it } from 'vitest';
import { isEmptyPeriod } from '../../../src/routes/cashier/report/period';

describe('a period since the last close', () => {
	const none = { count: 0, declinedCount: 0, refundCount: 0, paidInCashCount: 0 };

	it('is empty when nothing at all happened in it', () => {
		expect(isEmptyPeriod(none)).toBe(true);
	});

	it('is not empty with a single payment, decline, refund or cash payment', () => {
		expect(isEmptyPeriod({ ...none, count: 1 })).toBe(false);
		expect(isEmptyPeriod({ ...none, declinedCount: 1 })).toBe(false);
		// A refund of an earlier day's payment, alone in the period, is still something to close.
		expect(isEmptyPeriod({ ...none, refundCount: 1 })).toBe(false);
		expect(isEmptyPeriod({ ...none, paidInCashCount: 1 })).toBe(false);
	});

	it('is not empty with only a top-up in cash, or only a reversal of one: the till holds cash to close', () => {
		expect(isEmptyPeriod({ ...none, topUpCount: 1 })).toBe(false);
		expect(isEmptyPeriod({ ...none, topUpReversalCount: 1 })).toBe(false);
		// From a server older than top-ups: none given, none counted.
		expect(isEmptyPeriod({ ...none, topUpCount: undefined, topUpReversalCount: undefined })).toBe(true);
	});

	it('is not empty with only a declined sale of an earlier period noted as not paid: the close says it', () => {
		expect(isEmptyPeriod({ ...none, notPaidCount: 1 })).toBe(false);
		expect(isEmptyPeriod({ ...none, notPaidCount: undefined })).toBe(true);
	});
});
