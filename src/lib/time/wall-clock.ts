/**
 * Wall-clock times in a named time zone (IANA, such as the shop's "Asia/Shanghai"), read and written with Intl
 * only. A manager types "2 Dec 00:00" meaning the shop's midnight, whatever zone the tablet is set to; the API
 * wants an instant. Pure, so DST edges are tested without a browser.
 *
 * A wall-clock time is written as <input type="datetime-local"> writes it: "YYYY-MM-DDTHH:mm" (seconds optional).
 */

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it. Throws RangeError on an unknown zone. */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			// h23: midnight is "00", never "24".
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** Whether Intl knows `timeZone` (an unknown name would make every formatter throw). */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		partsFormatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** The wall clock in `timeZone` at instant `ms`, as milliseconds of the same calendar fields read as if in UTC. */
function wallClockMs(ms: number, timeZone: string): number {
	const parts = partsFormatter(timeZone).formatToParts(new Date(ms));
	const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
	return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/** How far `timeZone` is ahead of UTC at instant `ms` (negative west of Greenwich). */
function offsetMs(ms: number, timeZone: string): number {
	return wallClockMs(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the clocks of `timeZone` read `local` ("2026-12-02T00:00"), or null when `local` is not
 * such a time. Where the clocks go back and a time happens twice, the first; where they jump forward and a time
 * never happens, the time as far past the jump as it was into it ("02:30" on a spring-forward night is 03:30).
 * That is Temporal's "compatible" choice, and what a person setting an alarm expects.
 */
export function wallClockToInstant(local: string, timeZone: string): Date | null {
	const m = WALL_CLOCK.exec(local);
	if (!m) return null;
	const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1).map((part) => Number(part ?? 0));
	const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
	// Date.UTC rolls "2026-02-31" over into March: such a day is not on the calendar.
	const check = new Date(wanted);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
	// Zones change their offset at most once in a few weeks, so the offsets a day before and a day after are
	// the only two candidates. Both fit where the clocks go back; neither where they jump forward.
	const before = wanted - offsetMs(wanted - DAY_MS, timeZone);
	const after = wanted - offsetMs(wanted + DAY_MS, timeZone);
	const fits = [before, after].filter((t) => wallClockMs(t, timeZone) === wanted);
	if (fits.length > 0) return new Date(Math.min(...fits));
	return new Date(before);
}

/** The wall clock of `timeZone` at `instant`, as <input type="datetime-local"> writes it (to the minute). */
export function instantToWallClock(instant: Date, timeZone: string): string {
	const wall = new Date(Math.floor(wallClockMs(instant.getTime(), timeZone) / MINUTE_MS) * MINUTE_MS);
	return wall.toISOString().slice(0, 16);
}

/** `zone` when Intl knows it, else the device's own zone (a server that names none, or one this browser lacks). */
export function zoneOrDevice(zone: string | undefined): string {
	return zone && isKnownTimeZone(zone) ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}
