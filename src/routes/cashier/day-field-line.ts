/**
 * What a Day field holds while it holds no day to show, and the line that says so over what is shown instead: Today's
 * list (payments/+page.svelte) and the Day report (report/+page.svelte) each have a Day field, and both show today's
 * when it is emptied or half typed ("No day entered: these are today's payments") or holds a day after today ("…has
 * not come yet"). One rule and one wording for both: the Day report, given a day not come yet, read that day's empty
 * figures and showed them as if they were its report. Pure.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';
import { isDay } from './shop-day.svelte';

/** What the field's value is to the screen: a day it shows, no whole day (emptied, half typed), or a day not come yet. */
export type DayFieldHolds = { kind: 'day'; day: string } | { kind: 'none' } | { kind: 'notYet'; day: string };

export function dayFieldHolds(value: string, today: string): DayFieldHolds {
	if (!isDay(value)) return { kind: 'none' };
	return value > today ? { kind: 'notYet', day: value } : { kind: 'day', day: value };
}

/** The day a screen shows for the field's value: the day it holds, else (none, or not come yet) the shop's today. */
export function dayShownFor(value: string, today: string): string {
	const holds = dayFieldHolds(value, today);
	return holds.kind === 'day' ? holds.day : today;
}

/**
 * The line over the screen when the field holds no day it shows, naming today's (`today`), which is shown instead;
 * null when it holds the day on screen. `what`: what the screen shows of a day, its payments or its figures.
 */
export function dayFieldLine(i18n: Pick<I18n, 't' | 'day'>, value: string, today: string, what: 'payments' | 'figures'): string | null {
	const holds = dayFieldHolds(value, today);
	if (holds.kind === 'day') return null;
	const words = { what: i18n.t(what === 'payments' ? 'dayField.payments' : 'dayField.figures'), day: i18n.day(today) };
	return holds.kind === 'notYet' ? i18n.t('dayField.notYet', { ...words, typed: i18n.day(holds.day) }) : i18n.t('dayField.noDay', words);
}
