/**
 * Today's words over and under the list: the day and its line of totals, the notes from the Day report, what the list
 * says when it has no rows. Pure: the page gives it the figures it has.
 */
import type { Money } from '$lib/api/types';
import type { dayTotals } from '$lib/cashier/refund';
import type { I18n } from '$lib/i18n/i18n.svelte';

export type DayTotals = ReturnType<typeof dayTotals>;

/** A count of sales and their money, noted under the day's line (refunds or cash of earlier days' sales). */
export type DayNote = { count: number; amount: Money };

/** A note's figures, or null when there is nothing to note (none, or a server older than the figure). */
export const dayNote = (count: number | undefined, amount: Money | undefined): DayNote | null => (count && amount ? { count, amount } : null);

/** The day is the shop's, from midnight on its clock: its zone is said with it. */
export function dayText(i18n: Pick<I18n, 't' | 'day'>, day: string, timeZone: string | undefined): string {
	return timeZone ? i18n.t('payments.dayIn', { day: i18n.day(day), zone: timeZone }) : i18n.day(day);
}

/** The day's sales and what the shop keeps of them; with what refunds paid back, when they did. */
export function totalsText(i18n: Pick<I18n, 't' | 'money'>, totals: DayTotals): string {
	return i18n.t(totals.paidBack.amount > 0 ? 'payments.summaryRefunds' : 'payments.summary', {
		count: totals.count,
		amount: i18n.money(totals.kept),
		refunded: i18n.money(totals.paidBack)
	});
}

/** An empty list: nothing matches the search, or the day (today's, or an earlier one) has no payments. */
export function emptyListText(i18n: Pick<I18n, 't'>, query: string, earlierDay: boolean): string {
	return query ? i18n.t('payments.noMatch') : i18n.t(earlierDay ? 'payments.noneThatDay' : 'payments.none');
}

/**
 * On paper, whose list it is and, today's, as of when it was read (`readAt`, ISO 8601); an earlier day's, the shop's
 * name alone.
 */
export function printedShopText(i18n: Pick<I18n, 't' | 'time'>, shop: string | undefined, readAt: string, earlierDay: boolean): string {
	return earlierDay ? (shop ?? '') : i18n.t('payments.printedToday', { shop: shop ?? '', time: i18n.time(readAt) });
}
