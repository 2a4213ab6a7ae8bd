/**
 * A shop's day runs midnight to midnight in its own time zone, not in UTC. These helpers turn a calendar date
 * into the [start, end) milliseconds of that day in a zone, with Intl only (no time-zone library).
 */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

export function dayBounds(date: string, timeZone: string): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const startGuess = Date.UTC(y, m - 1, d);
  const endGuess = Date.UTC(y, m - 1, d + 1);
  return [startGuess - zoneOffsetMs(startGuess, timeZone), endGuess - zoneOffsetMs(endGuess, timeZone)];
}

export function dateIn(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function isValidDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
