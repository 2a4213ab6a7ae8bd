/**
 * What the report page shows, as its address says: `/cashier/report` is today's Day report, `?date=YYYY-MM-DD` another
 * day's, `?from=YYYY-MM-DD&to=YYYY-MM-DD` a period's. Kept only in the page, a month being reconciled with the bank
 * was lost to a reload (the tablet waking), Back from a day opened from the month's row left the report, and neither
 * could be bookmarked. Pure, so that what a hand-typed, stale or shared address comes to is tested without a browser.
 */

/** As the server's (api/reports/schemas.ts PERIOD_DAYS_MAX): a quarter, the longest three months having 92 days. */
export const PERIOD_DAYS_MAX = 92;
const DAY_MS = 86_400_000;

export type ReportPlace = { view: 'day'; date: string } | { view: 'period'; from: string; to: string };

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A calendar day as the date fields give one: a year of four digits, not the 0202 passed through on the way to 2026,
 * and a day its month has (Date.parse takes 2026-02-30 for 2 March).
 */
export function isCalendarDay(value: string | null): value is string {
	if (value === null || !/^[1-9]\d{3}-\d{2}-\d{2}$/.test(value)) return false;
	const ms = Date.parse(`${value}T00:00:00Z`);
	return !Number.isNaN(ms) && iso(ms) === value;
}

/** The last day a period starting on `from` may end on. */
export const lastDayFrom = (from: string): string => iso(Date.parse(`${from}T00:00:00Z`) + (PERIOD_DAYS_MAX - 1) * DAY_MS);

/**
 * The place an address's search asks for, on the shop's `today`, never an error: what no report can show (a day not
 * yet begun, a period ending before it starts or starting after today, no calendar day) is today's Day report, as
 * `/cashier/report` is; a period running past today ends today, and one longer than the server gives ends on its
 * PERIOD_DAYS_MAXth day, the one the period view names when it is typed.
 */
export function placeOf(search: URLSearchParams, today: string): ReportPlace {
	const todays: ReportPlace = { view: 'day', date: today };
	if (search.has('from') || search.has('to')) {
		const from = search.get('from');
		const to = search.get('to');
		if (!isCalendarDay(from) || !isCalendarDay(to)) return todays;
		if (to < from || from > today) return todays;
		const last = [to, today, lastDayFrom(from)].sort()[0]!;
		return { view: 'period', from, to: last };
	}
	const date = search.get('date');
	return isCalendarDay(date) && date <= today ? { view: 'day', date } : todays;
}

/** The address's search for a place: today's Day report has none, so it moves on with the shop's day. */
export function searchOf(place: ReportPlace, today: string): string {
	if (place.view === 'period') return `?from=${place.from}&to=${place.to}`;
	return place.date === today ? '' : `?date=${place.date}`;
}

/** The search for a place typed in a field, or null while what is typed is not yet a place an address holds as it is. */
export function typedSearch(place: ReportPlace, today: string): string | null {
	const search = searchOf(place, today);
	return searchOf(placeOf(new URLSearchParams(search), today), today) === search ? search : null;
}
