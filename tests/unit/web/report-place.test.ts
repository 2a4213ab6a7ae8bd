import { describe, expect, it } from 'vitest';
import { isCalendarDay, placeOf, searchOf, typedSearch } from '../../../src/routes/cashier/report/report-place';

const TODAY = '2026-12-06';
const at = (search: string) => placeOf(new URLSearchParams(search), TODAY);
const todays = { view: 'day', date: TODAY };

describe("the report page's address", () => {
	it("names today's Day report, another day's, or a period", () => {
		expect(at('')).toEqual(todays);
		expect(at('?date=2026-11-05')).toEqual({ view: 'day', date: '2026-11-05' });
		expect(at('?date=2026-12-06')).toEqual(todays);
		expect(at('?from=2026-11-01&to=2026-11-30')).toEqual({ view: 'period', from: '2026-11-01', to: '2026-11-30' });
		expect(at('?to=2026-11-30&from=2026-11-01')).toEqual({ view: 'period', from: '2026-11-01', to: '2026-11-30' });
		// A one-day period, and one ending today.
		expect(at('?from=2026-11-05&to=2026-11-05')).toEqual({ view: 'period', from: '2026-11-05', to: '2026-11-05' });
		expect(at('?from=2026-12-01&to=2026-12-06')).toEqual({ view: 'period', from: '2026-12-01', to: TODAY });
	});

	it("shows today's Day report for a day not begun or no day at all, never an error", () => {
		expect(at('?date=2026-12-07')).toEqual(todays);
		expect(at('?date=garbage')).toEqual(todays);
		expect(at('?date=')).toEqual(todays);
		expect(at('?date=2026-02-30')).toEqual(todays);
		expect(at('?date=2026-13-01')).toEqual(todays);
		expect(at('?date=0202-11-11')).toEqual(todays);
		expect(at('?date=2026-1-5')).toEqual(todays);
		expect(at('?date=20261-11-11')).toEqual(todays);
		expect(at('?foo=bar')).toEqual(todays);
	});

	it("shows today's Day report for a period that is none: half of it, no day, ending before it starts, all after today", () => {
		expect(at('?from=2026-11-01')).toEqual(todays);
		expect(at('?to=2026-11-30')).toEqual(todays);
		expect(at('?from=2026-11-01&to=nope')).toEqual(todays);
		expect(at('?from=2026-11-31&to=2026-12-01')).toEqual(todays);
		expect(at('?from=2026-11-30&to=2026-11-01')).toEqual(todays);
		expect(at('?from=2026-12-07&to=2026-12-31')).toEqual(todays);
		// The period's address wins over a day's beside it: it is the view asked for.
		expect(at('?date=2026-11-05&from=2026-11-01&to=nope')).toEqual(todays);
	});

	it('ends a period running past today today, and one longer than 92 days on its 92nd', () => {
		expect(at('?from=2026-12-01&to=2026-12-31')).toEqual({ view: 'period', from: '2026-12-01', to: TODAY });
		// July to September is 92 days, as far as a period goes; to October is one day too many.
		expect(at('?from=2026-07-01&to=2026-09-30')).toEqual({ view: 'period', from: '2026-07-01', to: '2026-09-30' });
		expect(at('?from=2026-07-01&to=2026-10-01')).toEqual({ view: 'period', from: '2026-07-01', to: '2026-09-30' });
		expect(at('?from=2025-01-01&to=2026-12-31')).toEqual({ view: 'period', from: '2025-01-01', to: '2025-04-02' });
		// Across a leap February: January, February and March are 91 days, so the 92nd is 1 April.
		expect(placeOf(new URLSearchParams('?from=2028-01-01&to=2028-12-31'), '2028-12-31')).toEqual({ view: 'period', from: '2028-01-01', to: '2028-04-01' });
	});

	it("writes today's Day report as no search, so that it moves on with the shop's day", () => {
		expect(searchOf(todays as never, TODAY)).toBe('');
		expect(searchOf({ view: 'day', date: '2026-11-05' }, TODAY)).toBe('?date=2026-11-05');
		expect(searchOf({ view: 'period', from: '2026-11-01', to: '2026-11-30' }, TODAY)).toBe('?from=2026-11-01&to=2026-11-30');
		// What it writes reads back as the same place.
		for (const search of ['', '?date=2026-11-05', '?from=2026-11-01&to=2026-11-30']) expect(searchOf(at(search), TODAY)).toBe(search);
	});

	it('follows a field typed in only once it holds a place as it is: a whole day, not after today, a period the server gives', () => {
		expect(typedSearch({ view: 'day', date: '2026-11-05' }, TODAY)).toBe('?date=2026-11-05');
		expect(typedSearch({ view: 'day', date: TODAY }, TODAY)).toBe('');
		expect(typedSearch({ view: 'day', date: '' }, TODAY)).toBeNull();
		expect(typedSearch({ view: 'day', date: '0202-11-05' }, TODAY)).toBeNull();
		expect(typedSearch({ view: 'day', date: '2026-12-07' }, TODAY)).toBeNull();
		expect(typedSearch({ view: 'period', from: '2026-10-01', to: '2026-11-30' }, TODAY)).toBe('?from=2026-10-01&to=2026-11-30');
		expect(typedSearch({ view: 'period', from: '0202-10-01', to: '2026-11-30' }, TODAY)).toBeNull();
		expect(typedSearch({ view: 'period', from: '2026-11-30', to: '2026-11-01' }, TODAY)).toBeNull();
		expect(typedSearch({ view: 'period', from: '2026-01-01', to: '2026-11-30' }, TODAY)).toBeNull();
		expect(typedSearch({ view: 'period', from: '2026-12-01', to: '2026-12-07' }, TODAY)).toBeNull();
	});

	it('takes a calendar day only', () => {
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2026-02-29')).toBe(false);
		expect(isCalendarDay(null)).toBe(false);
		expect(isCalendarDay(' 2026-11-05')).toBe(false);
	});
});
