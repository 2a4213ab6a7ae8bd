/**
 * Dates and times as a person reads them, in a given time zone. The cashier's screens pass the shop's zone
 * (the server's TIME_ZONE, sent at sign-in): a sale at 13:51 in Shanghai reads 13:51 on a tablet left on UTC.
 * Without a zone, the device's own, as on the customer's phone, which shows their own clock.
 */
import type { I18n } from './i18n.svelte';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
		formatters.set(key, f);
	}
	return f;
}

export const formatDateTime = (iso: string, locale: string, timeZone?: string): string =>
	formatter(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const formatDate = (iso: string, locale: string, timeZone?: string): string =>
	formatter(locale, timeZone, { dateStyle: 'medium' }).format(new Date(iso));

export const formatTime = (iso: string, locale: string, timeZone?: string): string =>
	formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * A moment as a line says it: its time alone on today (in the zone the screen shows, the shop's on a tablet), with its
 * date on another day ("08:04", "6 Dec 2026, 23:59"): a sale sent the next morning, a wallet kept since yesterday.
 */
export function timeOnDay(i18n: Pick<I18n, 'time' | 'date' | 'dateTime'>, iso: string, now = new Date()): string {
	return i18n.date(iso) === i18n.date(now.toISOString()) ? i18n.time(iso) : i18n.dateTime(iso);
}
