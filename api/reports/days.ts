/**
 * A shop's day runs midnight to midnight in its own time zone, not in UTC. These helpers turn a calendar date
 * into the [start, end) milliseconds of that day in a zone, with Intl only (no time-zone library).
 */
/**
 * One Intl.DateTimeFormat per use and zone, made once: making one costs tens of microseconds, and a day report
 * asks for the local hour of every payment of the day, a campaign's page for the date of every quarter hour of use.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(use: 'wall' | 'hour' | 'date', timeZone: string): Intl.DateTimeFormat {
  const key = `${use} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      use === 'wall'
        ? new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        : use === 'hour'
          ? new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit' })
          : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, f);
  }
  return f;
}

/** The wall clock in a zone at an instant, field by field ('year', 'month', … 'second'), as zero-padded text. */
function wallClock(at: number, timeZone: string): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = formatter('wall', timeZone).formatToParts(at);
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
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
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
  return Number(formatter('hour', timeZone).format(at)) % 24;
}

export function dateIn(at: number, timeZone: string): string {
  return formatter('date', timeZone).format(at);
}

export function isValidDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** An instant as the wall clock in a zone reads it, "2026-12-01 13:51:07": what a spreadsheet takes as a time. */
export function localDateTime(at: number, timeZone: string): string {
  const get = wallClock(at, timeZone);
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
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
