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

/**
 * The refunds made today of earlier days' sales, and how many sales they were of (undefined: a server older than that
 * figure, which counted refunds only).
 */
export type EarlierRefundsNote = DayNote & { sales: number | undefined };

/** The refunds of earlier days' sales the Day report counts today, or null when there are none (or not read). */
export function earlierRefundsNote(
	report: { earlierSalesRefundCount?: number; earlierSalesRefunded?: Money; earlierSalesRefundedSaleCount?: number | null }
): EarlierRefundsNote | null {
	const note = dayNote(report.earlierSalesRefundCount, report.earlierSalesRefunded);
	return note && { ...note, sales: report.earlierSalesRefundedSaleCount ?? undefined };
}

/**
 * The line under the day's of those refunds: the sales refunded are counted, not the refunds, which are said beside
 * them when there are more (one sale refunded in four parts read as "4 refunds of sales of earlier days", four sales
 * to the owner). A server that did not count the sales: the refunds, as it said before.
 */
export function earlierRefundsText(i18n: Pick<I18n, 't' | 'money'>, note: EarlierRefundsNote): string {
	const amount = i18n.money(note.amount);
	if (note.sales === undefined || note.sales === note.count) return i18n.t('payments.earlierSalesRefunded', { count: note.count, amount });
	return i18n.t('payments.earlierSalesRefundedInParts', { sales: note.sales, count: note.count, amount });
}

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
