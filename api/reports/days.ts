/**
 * A shop's day runs midnight to midnight in its own time zone, not in UTC. These helpers turn a calendar date
 * into the [start, end) milliseconds of that day in a zone, with Intl only (no time-zone library).
 */
/**
 * One Intl.DateTimeFormat per zone, made once: making one costs tens of microseconds. It reads a zone's offset;
 * the dates, hours and times are then worked out from the offset (offsetAt keeps it per hour).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The wall clock in a zone at an instant, field by field ('year', 'month', … 'second'), as zero-padded text. */
function wallClock(at: number, timeZone: string): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = formatter(timeZone).formatToParts(at);
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

function zoneOffsetMs(at: number, timeZone: string): number {
  const wall = wallClock(at, timeZone);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(wall(type));
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * [start, end) of a calendar date in a zone: from the first instant that is that date there to the first that
 * is the next. The offset is read at local midnight, not at UTC midnight: on a clock change between the two
 * (Sydney's spring forward is at 02:00 local, 16:00 UTC the day before) the UTC one is an hour off.
 */
export function dayBounds(date: string, timeZone: string): [number, number] {
  return [startOfDay(date, timeZone), startOfDay(nextDate(date), timeZone)];
}

/**
 * The shop's days from `from` to `to` (both included, `from` ≤ `to`), each with its [start, end): a day's end is the
 * next one's start, so the days tile the period with no gap and no overlap, a 23- or 25-hour day included. At most
 * `max` of them: a caller asking for more has not checked its span.
 */
export function daysBetween(from: string, to: string, timeZone: string, max: number): { date: string; start: number; end: number }[] {
  const days: { date: string; start: number; end: number }[] = [];
  let start = startOfDay(from, timeZone);
  for (let date = from; date <= to; date = nextDate(date)) {
    if (days.length === max) throw new Error(`more than ${max} days from ${from} to ${to}`);
    const end = startOfDay(nextDate(date), timeZone);
    days.push({ date, start, end });
    start = end;
  }
  return days;
}

/** How many calendar dates from `from` to `to`, both included (0 when `to` comes before `from`); no zone: dates, not instants. */
export function datesSpanned(from: string, to: string): number {
  const utc = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.max(0, Math.round((utc(to) - utc(from)) / 86_400_000) + 1);
}

/** The calendar date after `date`. Not via toISOString: after 9999-12-31 it writes "+010000-01-01". */
function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1, 2)}-${pad(next.getUTCDate(), 2)}`;
}

function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  // Two steps: the offset at UTC midnight gives an instant near local midnight; the offset there gives the
  // instant itself. Where local midnight does not exist (clocks jump from 23:59 to 01:00), one of the two
  // candidates is the jump, the day's first instant.
  const first = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone);
  const second = midnightAsUtc - zoneOffsetMs(first, timeZone);
  for (const at of [Math.min(first, second), Math.max(first, second)]) {
    if (dateIn(at, timeZone) === date && dateIn(at - 1, timeZone) !== date) return at;
  }
  return second;
}

/** The local clock hour (0–23) at an instant: a day report's hours are the clock's, also on a 23- or 25-hour day. */
export function localHour(at: number, timeZone: string): number {
  return wallDate(at, timeZone).getUTCHours();
}

export function dateIn(at: number, timeZone: string): string {
  return wallYmd(wallDate(at, timeZone));
}

const HOUR_MS = 3_600_000;
/** Enough for a year of hours in a few zones; past it the cache starts again (it only saves work). */
const OFFSETS_KEPT_MAX = 50_000;
/** A zone's offset through a UTC hour, or null when the clocks change within it. */
const offsetsByHour = new Map<string, number | null>();

/**
 * The zone's offset from UTC at an instant, in ms. Asking Intl costs ~5 µs (formatToParts), and a day's CSV writes
 * the local time of thousands of payments; the offset is the same through nearly every UTC hour, so it is kept
 * per zone and hour when the hour's first and last second agree, and read at the instant itself in an hour whose
 * clocks change (Lord Howe's half-hour change falls mid-hour in UTC).
 */
function offsetAt(at: number, timeZone: string): number {
  const hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
  const key = `${timeZone} ${hourStart}`;
  let offset = offsetsByHour.get(key);
  if (offset === undefined) {
    const first = zoneOffsetMs(hourStart, timeZone);
    offset = first === zoneOffsetMs(hourStart + HOUR_MS - 1000, timeZone) ? first : null;
    if (offsetsByHour.size >= OFFSETS_KEPT_MAX) offsetsByHour.clear();
    offsetsByHour.set(key, offset);
  }
  return offset ?? zoneOffsetMs(at, timeZone);
}

/** The wall clock in a zone at an instant, to the second, as a Date whose UTC fields read it. */
function wallDate(at: number, timeZone: string): Date {
  return new Date(Math.floor(at / 1000) * 1000 + offsetAt(at, timeZone));
}

/** "2026-12-01" from a wall-clock Date (wallDate). */
const wallYmd = (wall: Date) => `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;

export function isValidDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** An instant as the wall clock in a zone reads it, "2026-12-01 13:51:07": what a spreadsheet takes as a time. */
export function localDateTime(at: number, timeZone: string): string {
  const wall = wallDate(at, timeZone);
  return `${wallYmd(wall)} ${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)}`;
}

/**
 * An X report's file name: when it was taken on the shop's clock, "x-report-2026-12-01T1350.csv" (a shop takes
 * several a day), the minute its "Taken at" says. The tablet saves the file under it: its own clock is not the
 * server's, and named by it the file could say another time than its own "Taken at".
 */
export function xReportFilename(takenAt: number, timeZone: string): string {
  const [day, time] = localDateTime(takenAt, timeZone).split(' ') as [string, string];
  return `x-report-${day}T${time.slice(0, 5).replace(':', '')}.csv`;
}
