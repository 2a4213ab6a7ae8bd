import { describe, expect, it } from 'vitest';
import { dateIn, datesSpanned, dayBounds, daysBetween, localDateTime, localHour } from '../../../api/reports/days.js';

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

describe("a period of the shop's days (the period report's)", () => {
  it('tiles the period with its days, each its Day report\'s bounds, a 23- and a 25-hour day included', () => {
    for (const [zone, from, to] of [
      ['America/New_York', '2026-10-30', '2026-11-03'],
      ['Australia/Sydney', '2026-10-02', '2026-10-06'],
      ['America/Santiago', '2026-09-04', '2026-09-08'],
    ] as const) {
      const days = daysBetween(from, to, zone, 92);
      expect(days.map((d) => d.date)).toHaveLength(5);
      for (const d of days) expect([d.start, d.end], `${zone} ${d.date}`).toEqual(dayBounds(d.date, zone));
      for (let i = 1; i < days.length; i++) expect(days[i]!.start).toBe(days[i - 1]!.end);
    }
    expect(daysBetween('2026-10-30', '2026-11-03', 'America/New_York', 92).map((d) => (d.end - d.start) / 3_600_000)).toEqual([24, 24, 25, 24, 24]);
    expect(daysBetween('2026-10-02', '2026-10-06', 'Australia/Sydney', 92).map((d) => (d.end - d.start) / 3_600_000)).toEqual([24, 24, 23, 24, 24]);
  });

  it('counts calendar dates, both ends included, across month and year ends and a leap day', () => {
    expect(datesSpanned('2026-11-01', '2026-11-30')).toBe(30);
    expect(datesSpanned('2026-11-01', '2026-11-01')).toBe(1);
    expect(datesSpanned('2026-11-02', '2026-11-01')).toBe(0);
    expect(datesSpanned('2026-07-01', '2026-09-30')).toBe(92);
    expect(datesSpanned('2027-12-15', '2028-03-01')).toBe(17 + 31 + 29 + 1);
    // DST does not change a count of dates.
    expect(datesSpanned('2026-03-01', '2026-03-31')).toBe(31);
  });

  it('refuses to list more days than it was given room for', () => {
    expect(() => daysBetween('2026-01-01', '2026-12-31', 'UTC', 92)).toThrow(/more than 92 days/);
    expect(daysBetween('2026-07-01', '2026-09-30', 'UTC', 92)).toHaveLength(92);
  });
});

describe('the wall clock of an instant (a CSV row\'s time, a payment\'s hour and date)', () => {
  /** What Intl itself reads, at the instant: the reference the kept offsets must agree with. */
  const intlReads = (at: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  };

  it('reads as Intl does at every instant of a year, across clock changes on the hour, mid-hour (Lord Howe) and odd offsets', () => {
    // Lord Howe changes by half an hour at 02:00 local (October's change at 15:30 UTC is mid-hour); Chatham is +12:45/+13:45,
    // Kathmandu +05:45; Santiago's clocks jump at midnight; the others on the hour.
    const zones = ['Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/Santiago', 'Australia/Sydney', 'America/New_York', 'Europe/London', 'Asia/Shanghai'];
    for (const zone of zones) {
      const formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      const reference = (at: number) => {
        const parts = formatter.formatToParts(at);
        const get = (type: string) => parts.find((p) => p.type === type)!.value;
        return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
      };
      // Every 17 min 31.7 s through 2026: steps that drift across every minute and second of the hour.
      const mismatches: string[] = [];
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 1_051_700) {
        const expected = reference(at);
        const got = localDateTime(at, zone);
        if (got !== expected || dateIn(at, zone) !== expected.slice(0, 10) || localHour(at, zone) !== Number(expected.slice(11, 13))) mismatches.push(`${zone} ${new Date(at).toISOString()}: ${got}, Intl ${expected}`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    }
  });

  it('reads the seconds either side of a mid-hour clock change as Intl does (Lord Howe, 5 April and 4 October 2026)', () => {
    const zone = 'Australia/Lord_Howe';
    // 02:00 local (+11) back to 01:30 (+10:30) on 5 April = 15:00 UTC on 4 April; forward at 02:00 (+10:30) on 4 October = 15:30 UTC on 3 October.
    for (const change of [Date.UTC(2026, 3, 4, 15, 0), Date.UTC(2026, 9, 3, 15, 30)]) {
      for (let at = change - 3_600_000; at <= change + 3_600_000; at += 29_000) {
        expect(localDateTime(at, zone), new Date(at).toISOString()).toBe(intlReads(at, zone));
      }
    }
    expect(localDateTime(Date.UTC(2026, 9, 3, 15, 29, 59), zone)).toBe('2026-10-04 01:59:59');
    expect(localDateTime(Date.UTC(2026, 9, 3, 15, 30, 0), zone)).toBe('2026-10-04 02:30:00');
  });
});
