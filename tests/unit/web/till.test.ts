import { describe, expect, it } from 'vitest';
import { tillCash } from '../../../src/lib/cashier/till';

const m = (amount: number, currency = 'CNY') => ({ amount, currency });
/** A period where no cash changed hands; each test adds its own. */
const none = { paidInCashCount: 0, paidInCash: m(0), topUpCount: 0, topUps: m(0), topUpReversalCount: 0, topUpsReversed: m(0) };

describe('the cash a period put in the till', () => {
	it('is the cash for declined sales plus the top-ups in cash, less the top-ups reversed', () => {
		// ¥75.00 paid in cash after a decline, ¥100.00 and ¥50.00 topped up, the ¥50.00 reversed: ¥175.00.
		expect(tillCash({ paidInCashCount: 1, paidInCash: m(7_500), topUpCount: 2, topUps: m(15_000), topUpReversalCount: 1, topUpsReversed: m(5_000) })).toEqual(
			m(17_500)
		);
	});

	it('is ¥0.00 when no cash changed hands: the X, the close and the Z still give the figure to count the drawer against', () => {
		expect(tillCash(none)).toEqual(m(0));
		// From a server older than top-ups: only the cash for declined sales is given.
		expect(tillCash({ paidInCashCount: 0, paidInCash: m(0) })).toEqual(m(0));
	});

	it('counts each kind of cash on its own', () => {
		expect(tillCash({ ...none, paidInCashCount: 2, paidInCash: m(6_000) })).toEqual(m(6_000));
		expect(tillCash({ ...none, topUpCount: 1, topUps: m(10_000) })).toEqual(m(10_000));
		expect(tillCash({ paidInCashCount: 1, paidInCash: m(3_001) })).toEqual(m(3_001));
	});

	it('goes below zero when a reversal paid out more than the period took (a top-up of an earlier period)', () => {
		expect(tillCash({ ...none, topUpReversalCount: 1, topUpsReversed: m(100_000) })).toEqual(m(-100_000));
	});

	it('is ¥0.00, not left out, when the cash taken all went back out', () => {
		expect(tillCash({ ...none, topUpCount: 1, topUps: m(2_000), topUpReversalCount: 1, topUpsReversed: m(2_000) })).toEqual(m(0));
	});

	it('stays exact in minor units at the top-up limit', () => {
		// 100,000,000 a top-up (the API's limit), many of them: sums of integers, no rounding.
		expect(tillCash({ ...none, paidInCashCount: 1, paidInCash: m(1), topUpCount: 90, topUps: m(9_000_000_000) })).toEqual(m(9_000_000_001));
	});

	it('refuses figures no report gives: fractions, negatives, mixed currencies', () => {
		expect(() => tillCash({ ...none, paidInCashCount: 1, paidInCash: m(0.5) })).toThrow();
		expect(() => tillCash({ ...none, topUpCount: 1, topUps: m(-100) })).toThrow();
		expect(() => tillCash({ ...none, topUpCount: -1 })).toThrow();
		expect(() => tillCash({ ...none, topUpCount: 1, topUps: m(100, 'JPY') })).toThrow();
	});
});
