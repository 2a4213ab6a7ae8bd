import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToWallClock, isKnownTimeZone, wallClockToInstant } from '../../../src/lib/time/wall-clock';

/**
 * A manager's "2 Dec 00:00" is the shop's midnight, whatever zone the tablet is set to (this test runs in the
 * machine's zone, which need not be any of these).
 */
describe('wall-clock times in a named zone', () => {
	const iso = (local: string, zone: string) => wallClockToInstant(local, zone)?.toISOString();

	it("reads a time as the shop's clock shows it", () => {
		expect(iso('2026-12-02T00:00', 'Asia/Shanghai')).toBe('2026-12-01T16:00:00.000Z');
		expect(iso('2026-12-02T23:59', 'Asia/Shanghai')).toBe('2026-12-02T15:59:00.000Z');
		expect(iso('2026-12-02T00:00', 'UTC')).toBe('2026-12-02T00:00:00.000Z');
		expect(iso('2026-07-01T09:30', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
		expect(iso('2026-01-01T09:30', 'America/New_York')).toBe('2026-01-01T14:30:00.000Z');
		expect(iso('2026-03-01T12:00:30', 'Asia/Kolkata')).toBe('2026-03-01T06:30:30.000Z');
	});

	it('writes an instant as the shop’s clock shows it, for the date-time field', () => {
		expect(instantToWallClock(new Date('2026-12-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-02T00:00');
		expect(instantToWallClock(new Date('2026-12-01T05:51:59Z'), 'Asia/Shanghai')).toBe('2026-12-01T13:51');
		expect(instantToWallClock(new Date('2026-07-01T13:30:00Z'), 'America/New_York')).toBe('2026-07-01T09:30');
	});

	it('takes the first of a time that happens twice when the clocks go back', () => {
		// New York, 1 Nov 2026: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
		expect(iso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
		expect(iso('2026-11-01T00:59', 'America/New_York')).toBe('2026-11-01T04:59:00.000Z');
		expect(iso('2026-11-01T02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
	});

	it('moves a time that never happens, when the clocks jump forward, past the jump', () => {
		// New York, 8 Mar 2026: 02:00 EST becomes 03:00 EDT; 02:30 does not exist and is read as 03:30.
		expect(iso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
		expect(iso('2026-03-08T01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
		expect(iso('2026-03-08T03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
		// Lord Howe moves by half an hour.
		expect(iso('2026-10-04T02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z');
	});

	it('refuses what is not a time on the calendar', () => {
		for (const bad of ['', '2026-12-02', '2026-02-30T10:00', '2026-12-02T24:00', '2026-12-02T10:60', '2026-12-02 10:00', 'soon']) {
			expect(wallClockToInstant(bad, 'UTC'), bad).toBeNull();
		}
	});

	it('knows which zone names it can use', () => {
		expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
		expect(isKnownTimeZone('Not/AZone')).toBe(false);
	});

	it('gives back the same wall clock it wrote, in any zone, on any minute of a few years', () => {
		const zones = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu'];
		const from = Date.UTC(2024, 0, 1);
		const to = Date.UTC(2030, 0, 1);
		fc.assert(
			fc.property(fc.constantFrom(...zones), fc.integer({ min: from / 60_000, max: to / 60_000 }), (zone, minute) => {
				const instant = new Date(minute * 60_000);
				const local = instantToWallClock(instant, zone);
				const back = wallClockToInstant(local, zone)!;
				expect(instantToWallClock(back, zone)).toBe(local);
				// The same instant, or where the clocks went back, the earlier of the two with this wall clock.
				expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
				expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(2 * 3600_000);
			}),
			{ numRuns: 2000 }
		);
	});
});
