/**
 * Where a report's period begins, in the same words on the X report, the close's confirmation and a Z report's
 * page: after the last close, or, for the shop's first period, since the shop opened. The X report said "Since the
 * first payment" where Z report No. 1, the same period once closed, said the time the shop was opened.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';

export function periodStartLine(i18n: I18n, period: { previousNumber: number | null; openedAt: string | null }): string {
	if (period.previousNumber !== null && period.openedAt !== null) return i18n.t('close.since', { time: i18n.dateTime(period.openedAt) });
	// A Z report knows when the shop opened (its period's start); an X report of the first period does not (null).
	return period.openedAt !== null ? i18n.t('close.sinceOpenedAt', { time: i18n.dateTime(period.openedAt) }) : i18n.t('close.sinceOpened');
}
