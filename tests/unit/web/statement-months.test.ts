import { describe, expect, it } from 'vitest';
import { lastMonth, monthSoFar } from '../../../src/routes/cashier/report/platform/months';

describe("the platform statement's periods", () => {
	it('the month so far runs from its 1st to today', () => {
		expect(monthSoFar('2026-12-02')).toEqual({ from: '2026-12-01', to: '2026-12-02' });
	});

	it('last month is the whole month before, across a year and in a leap February', () => {
		expect(lastMonth('2026-12-02')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(lastMonth('2027-01-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
		expect(lastMonth('2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
	});
});
