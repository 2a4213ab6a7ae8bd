/** The Day field over Today's list: which day a value it gives puts on screen. Pure. */
import { isDay } from '../shop-day.svelte';

/**
 * What the field's value makes of the list: `typed`, what the field holds while it holds no whole day (emptied, or
 * half typed: see isDay), else null; `picked`, an earlier day, or null for today's (which then follows the day as it
 * turns); no whole day, today's. Null when the value is refused: a day after today has no sales yet.
 */
export function dayFieldChange(value: string, today: string): { typed: string | null; picked: string | null } | null {
	if (isDay(value) && value > today) return null;
	const typed = isDay(value) ? null : value;
	return { typed, picked: typed !== null || value === today ? null : value };
}
