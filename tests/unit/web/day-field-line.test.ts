import { describe, expect, it } from 'vitest';
import { dayFieldHolds, dayShownFor } from '../../../src/routes/cashier/day-field-line';

/** The Day field of Today and of the Day report: one rule for what a value shows. */
describe('a Day field', () => {
	const today = '2026-12-07';

	it('shows the day it holds, today or before', () => {
		expect(dayFieldHolds('2026-12-04', today)).toEqual({ kind: 'day', day: '2026-12-04' });
		expect(dayShownFor('2026-12-04', today)).toBe('2026-12-04');
		expect(dayShownFor(today, today)).toBe(today);
	});

	it("shows today's for a day not come yet, and says which day that was", () => {
		expect(dayFieldHolds('2026-12-08', today)).toEqual({ kind: 'notYet', day: '2026-12-08' });
		expect(dayShownFor('2026-12-08', today)).toBe(today);
	});

	it("shows today's while it holds no whole day", () => {
		expect(dayFieldHolds('', today)).toEqual({ kind: 'none' });
		expect(dayShownFor('0202-11-11', today)).toBe(today);
	});
});
