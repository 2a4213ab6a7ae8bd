/** The Day field over Today's list: which day a value it gives puts on screen. Pure. */
import { dayFieldHolds } from '../day-field-line';

/**
 * What the field's value makes of the list: `typed`, what the field holds while it holds no day to show (emptied,
 * half typed: see isDay; or a day after today, which has no sales yet), else null; `picked`, an earlier day, or null
 * for today's (which then follows the day as it turns). No day to show: today's, as the line over it says
 * (day-field-line.ts), also after an earlier day was on screen.
 */
export function dayFieldChange(value: string, today: string): { typed: string | null; picked: string | null } {
	const holds = dayFieldHolds(value, today);
	if (holds.kind !== 'day') return { typed: value, picked: null };
	return { typed: null, picked: value === today ? null : value };
}
