/**
 * Today's top-up line: the cash taken for the day's top-ups, then the cash paid back for the day's reversals, each
 * as the Day report, X, Z and CSV give it ("3 top-ups in cash: ¥101,099.99"; "¥1,000.00 paid back: 1 top-up
 * reversed"), so each figure here is found there. One net figure ("¥100,099.99 in cash for 3 top-ups, 1 reversed")
 * was on no report; and a reversal of an earlier day's top-up read "−¥50.00 in cash for 0 top-ups, 1 reversed".
 * Pure, but for the day's reversals' days, read from the day's top-up list.
 */
import type { ApiClient } from '$lib/api/client';
import type { Money } from '$lib/api/types';
import type { DayReport } from '$lib/api/reports';
import type { I18n } from '$lib/i18n/i18n.svelte';
import { getTopUpsOfDay } from './topups-of-day';

export interface TopUpsFigures {
	/** Top-ups taken that day, and their cash (whatever became of them later). */
	count: number;
	amount: Money;
	/** Top-ups reversed that day (whenever taken), and the cash paid back for them. */
	reversed: number;
	reversedAmount: Money;
	/**
	 * The day every one of the day's reversals' top-ups was taken on, when not this one (YYYY-MM-DD); 'earlier' when
	 * they were taken on several earlier days; null when some were taken this day, or it is not known.
	 */
	reversedOf: string | 'earlier' | null;
}

/** The Day report's top-up figures of the day, or null when it has none (or is from a server older than them). */
export function topUpsFigures(report: Pick<DayReport, 'topUpCount' | 'topUps' | 'topUpReversalCount' | 'topUpsReversed'>): TopUpsFigures | null {
	const count = report.topUpCount ?? 0;
	const reversed = report.topUpReversalCount ?? 0;
	if (count + reversed === 0 || !report.topUps) return null;
	const reversedAmount = report.topUpsReversed ?? { amount: 0, currency: report.topUps.currency };
	return { count, amount: report.topUps, reversed, reversedAmount, reversedOf: null };
}

/**
 * The day the day's reversals' top-ups were taken on (see `reversedOf`), from the day's top-up list: its reversals of
 * earlier days' top-ups, each with the time it was taken. `dayOf` gives the shop's day of an instant.
 */
export async function readReversedOf(api: ApiClient, day: string, reversed: number, dayOf: (iso: string) => string): Promise<TopUpsFigures['reversedOf']> {
	// One top-up of the day is enough: the earlier days' reversals come with the first page whatever its length.
	const { earlierReversed } = await getTopUpsOfDay(api, day, null, 1);
	// Some of them taken this day (or a reversal made between the two reads): the line names no day.
	if (!earlierReversed || earlierReversed.length !== reversed) return null;
	const days = new Set(earlierReversed.map((t) => dayOf(t.at)));
	return days.size === 1 ? [...days][0]! : 'earlier';
}

/** The line's words: what was taken, then what was paid back, either alone when the other is none. */
export function topUpsLineText(i18n: Pick<I18n, 't' | 'money' | 'day'>, f: TopUpsFigures): string {
	const taken = f.count > 0 ? i18n.t('payments.summaryTopUps', { count: f.count, amount: i18n.money(f.amount) }) : null;
	if (f.reversed === 0) return taken ?? '';
	const back = { count: f.reversed, amount: i18n.money(f.reversedAmount) };
	const paidBack =
		f.reversedOf === null
			? i18n.t('payments.summaryTopUpsPaidBack', back)
			: f.reversedOf === 'earlier'
				? i18n.t('payments.summaryTopUpsPaidBackEarlier', back)
				: i18n.t('payments.summaryTopUpsPaidBackOf', { ...back, day: i18n.day(f.reversedOf) });
	return taken === null ? paidBack : i18n.t('payments.summaryTopUpsBoth', { taken, paidBack });
}
