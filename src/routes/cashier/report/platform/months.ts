/**
 * The periods a platform statement is usually asked for, as calendar dates (YYYY-MM-DD) on the shop's clock:
 * the month so far, and the whole month before it (what a shop reconciles with the platform at month end).
 */
export interface Period {
	from: string;
	to: string;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** From the 1st of `today`'s month to `today`. */
export function monthSoFar(today: string): Period {
	return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The whole month before `today`'s: from its 1st to its last day. */
export function lastMonth(today: string): Period {
	const year = Number(today.slice(0, 4));
	const month = Number(today.slice(5, 7)) - 1;
	// Day 0 of this month is the last day of the one before; UTC, so no clock change moves it.
	return { from: iso(Date.UTC(year, month - 1, 1)), to: iso(Date.UTC(year, month, 0)) };
}
