import { describe, expect, it } from 'vitest';
import { dayFieldChange } from '../../../src/routes/cashier/payments/day-field';

/** Today's Day field: an earlier day picked, today again, or a field left empty or half typed. */
describe("Today's Day field", () => {
	const today = '2026-12-07';

	it('puts an earlier day on screen', () => {
		expect(dayFieldChange('2026-12-04', today)).toEqual({ typed: null, picked: '2026-12-04' });
	});

	it("goes back to today's list, which follows the day, when today is picked", () => {
		expect(dayFieldChange(today, today)).toEqual({ typed: null, picked: null });
	});

	it("shows today's list for a day after today (it has no sales yet), and keeps what the field holds", () => {
		expect(dayFieldChange('2026-12-08', today)).toEqual({ typed: '2026-12-08', picked: null });
	});

	it("shows today's list while the field holds no whole day, and keeps what it holds", () => {
		expect(dayFieldChange('', today)).toEqual({ typed: '', picked: null });
		// A year typed digit by digit passes through years that are no day yet.
		expect(dayFieldChange('0202-11-11', today)).toEqual({ typed: '0202-11-11', picked: null });
	});
});
