/**
 * A campaign's start and end as a customer reads them on its poster, and the manager in the list and the forms. A
 * campaign starts and ends at a minute, and its end is exclusive: it ends at that moment. "Valid until 1 Jan" for an
 * end at 15:28 on 1 Jan sent customers to the counter that evening with a coupon already dead. A day alone is said
 * only when it is the whole day: a start at 00:00, an end at the next day's 00:00 (the form's default, typed as
 * "1 Jan 23:59": see endInstant), or at 23:59 (campaigns made before the form ended them at 00:00); any other
 * minute is said with the day, on the shop's clock.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';
import { formatDate, formatDateTime } from '$lib/i18n/dates';
import { instantToWallClock, wallClockToInstant, zoneOrDevice } from '$lib/time/wall-clock';

/**
 * The minute `iso` reads on `timeZone`'s clock ("00:00"), or null when it is not a whole minute: an end 20 seconds
 * after midnight is not the day before's end, and was written as that day's date (the demo's campaigns ended a year
 * after the seed, to the millisecond, and read as the day before when seeded in midnight's first minute).
 */
const clockOf = (iso: string, timeZone: string | undefined) =>
	Date.parse(iso) % 60_000 === 0 ? instantToWallClock(new Date(iso), zoneOrDevice(timeZone)).slice(11) : null;

/** Whether an end is the end of a day on `timeZone`'s clock: at 00:00 (the day before's end) or at 23:59. */
export function isDayEnd(iso: string, timeZone: string | undefined): boolean {
	const clock = clockOf(iso, timeZone);
	return clock === '00:00' || clock === '23:59';
}

/** The first moment of a campaign: its day alone when it starts at the day's beginning. */
export function campaignStartText(i18n: I18n, iso: string): string {
	return clockOf(iso, i18n.timeZone) === '00:00' ? i18n.date(iso) : i18n.dateTime(iso);
}

/**
 * The last moment of a campaign: its day alone when it ends at the day's end (an end at 00:00 is the day before's).
 * On the shop's clock (the one i18n shows), or on another zone's: Shop settings says how an end reads on the clock
 * the manager is about to choose.
 */
export function campaignEndText(i18n: I18n, iso: string, timeZone?: string): string {
	const zone = timeZone ?? i18n.timeZone;
	const date = (at: string) => (timeZone ? formatDate(at, i18n.locale, timeZone) : i18n.date(at));
	const dateTime = (at: string) => (timeZone ? formatDateTime(at, i18n.locale, timeZone) : i18n.dateTime(at));
	const clock = clockOf(iso, zone);
	if (clock === '00:00') return date(new Date(Date.parse(iso) - 1).toISOString());
	return clock === '23:59' ? date(iso) : dateTime(iso);
}

/** A day's last minute in a form's end field ("2026-07-01T23:59"), its seconds optional. */
const DAY_END = /^(\d{4}-\d{2}-\d{2})T23:59(?::\d{2})?$/;
const DAY_MS = 86_400_000;

/** The calendar day after `ymd` ("2026-07-01" → "2026-07-02"). */
const nextDay = (ymd: string) => new Date(Date.parse(`${ymd}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The instant a form's end field means, on the shop's clock (`timeZone`), or null when it is not a date-time. An end
 * at 23:59 is the whole of that day: the next day's 00:00, for the end is exclusive and 23:59 itself would leave the
 * day's last minute out. Any other minute is that minute.
 */
export function endInstant(local: string, timeZone: string): Date | null {
	const typed = wallClockToInstant(local, timeZone);
	const day = DAY_END.exec(local)?.[1];
	return typed && day ? wallClockToInstant(`${nextDay(day)}T00:00`, timeZone) : typed;
}

/** An end as its form field shows it: at a day's 00:00, as the day before's 23:59 (the whole of that day; endInstant). */
export function endField(end: Date, timeZone: string): string {
	const wall = instantToWallClock(end, timeZone);
	if (!wall.endsWith('T00:00')) return wall;
	const dayBefore = new Date(Date.parse(`${wall.slice(0, 10)}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
	return `${dayBefore}T23:59`;
}

/**
 * Whether a campaign was ended before it began. "End now" on one not started brings its start forward to the end
 * (api/coupons/routes.ts: a campaign never ends before it starts), so start and end are one instant, which no
 * campaign made has. Read as "5 Dec 06:29 – 5 Dec 06:29" it looked like a campaign that ran for no time at all: it
 * is said as cancelled on that day instead (cancelledText).
 */
export function cancelledBeforeStart(c: { validFrom: string; validUntil: string }): boolean {
	return Date.parse(c.validFrom) === Date.parse(c.validUntil);
}

/**
 * A campaign ended before it began, as the list and its page say it: when it was cancelled, and the period it was
 * planned for, said as any campaign's period is ("Cancelled on 5 Dec 2026, 06:29, before it started (planned
 * 8 Dec 2026 – 15 Dec 2026)"). Without the period the manager could not tell which of two such campaigns was the
 * one meant for Christmas week. One cancelled before the server kept the period has only its day.
 */
export function cancelledText(i18n: I18n, c: { validUntil: string; planned?: { validFrom: string; validUntil: string } | null }): string {
	const date = i18n.dateTime(c.validUntil);
	if (!c.planned) return i18n.t('manage.limits.cancelledOn', { date });
	const from = campaignStartText(i18n, c.planned.validFrom);
	return i18n.t('manage.limits.cancelledPlanned', { date, from, until: campaignEndText(i18n, c.planned.validUntil) });
}
