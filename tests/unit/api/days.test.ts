import { describe, expect, it } from 'vitest';
import { dateIn, dayBounds, localHour } from '../../../api/reports/days.js';

const iso = (at: number) => new Date(at).toISOString();
const hours = ([from, to]: [number, number]) => (to - from) / 3_600_000;

describe("a shop's day in its own time zone", () => {
  it('runs midnight to midnight on an ordinary day, east and west of UTC', () => {
    expect(dayBounds('2026-12-01', 'Asia/Shanghai').map(iso)).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-01T16:00:00.000Z']);
    expect(dayBounds('2026-12-01', 'America/New_York').map(iso)).toEqual(['2026-12-01T05:00:00.000Z', '2026-12-02T05:00:00.000Z']);
    expect(dayBounds('2026-12-01', 'UTC').map(iso)).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z']);
  });

  it('starts at local midnight on the days the clocks change east of UTC (Sydney: 23 and 25 hours)', () => {
    // Clocks go forward at 02:00 on 4 October 2026 (+10 -> +11) and back at 03:00 on 5 April 2026 (+11 -> +10).
    const spring = dayBounds('2026-10-04', 'Australia/Sydney');
    expect(spring.map(iso)).toEqual(['2026-10-03T14:00:00.000Z', '2026-10-04T13:00:00.000Z']);
    expect(hours(spring)).toBe(23);
    const autumn = dayBounds('2026-04-05', 'Australia/Sydney');
    expect(autumn.map(iso)).toEqual(['2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z']);
    expect(hours(autumn)).toBe(25);
  });

  it('starts at local midnight on the days the clocks change west of UTC (New York)', () => {
    expect(dayBounds('2026-03-08', 'America/New_York').map(iso)).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect(dayBounds('2026-11-01', 'America/New_York').map(iso)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });

  it('begins at the jump where local midnight does not exist (Santiago springs from 24:00 to 01:00)', () => {
    const [from] = dayBounds('2026-09-06', 'America/Santiago');
    expect(dateIn(from, 'America/Santiago')).toBe('2026-09-06');
    expect(dateIn(from - 1, 'America/Santiago')).toBe('2026-09-05');
    expect(localHour(from, 'America/Santiago')).toBe(1);
  });

  it('every instant of a day falls in exactly that day, across a year of Sydney and New York days', () => {
    for (const zone of ['Australia/Sydney', 'America/New_York', 'Europe/London', 'Asia/Shanghai']) {
      let day = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 365; i++, day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        const [from, to] = dayBounds(date, zone);
        expect([dateIn(from, zone), dateIn(to - 1, zone), dateIn(from - 1, zone) !== date, dateIn(to, zone) !== date]).toEqual([date, date, true, true]);
        expect(localHour(from, zone)).toBe(0);
      }
    }
  });
});
