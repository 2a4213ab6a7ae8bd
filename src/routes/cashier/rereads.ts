/**
 * A scanner reading a code again (a stand-mounted scanner re-reading the phone still under it, a trigger pressed
 * twice): what the counter makes of it. Pure, for the counter (counter.svelte.ts) and its page's keyboard wedge.
 */
import type { CounterPhase } from './counter.svelte';

/** The amount as it was before a key the counter took, with the key's event time (the counter page's key history). */
export interface KeyBefore {
	text: string;
	atMs: number;
}

/**
 * True when the scan whose first digit came at `startedAtMs` is what left the last sale's outcome (paid, queued,
 * declined) for a new sale: `keysSinceLeft` are the keys the counter took since a key left it (`byKey`), the first of
 * them that key, and it was one of the scan's digits. Counted by time, not by number: digits of the scan that came while
 * the charge was still on its way are taken by no one (the counter takes no key then), and a read whose answer came
 * part-way left the result with its tenth digit, its first nine counted nowhere. Not a scan typed into a field, nor one
 * after a key of the cashier's own (that key left the outcome, and the amount it began stays).
 */
export function scanLeftOutcome(keysSinceLeft: readonly KeyBefore[], startedAtMs: number, { byKey, inField }: { byKey: boolean; inField: boolean }): boolean {
	const leftBy = keysSinceLeft[0];
	return byKey && !inField && leftBy !== undefined && leftBy.atMs >= startedAtMs;
}

/** The counter as a code read again is judged by. */
export interface SaleAtCounter {
	phase: CounterPhase;
	/** The code of the sale on screen or being charged, if any. */
	chargeCode: string | null;
	/** The code the last sale paid with, that sale's outcome left since (for the next sale). */
	lastPaidCode: string | null;
}

/**
 * What `code`, read now, is besides a new sale's code: `'outcome'`, the code of the sale whose outcome is on screen
 * (paid, queued, declined), the same customer; `'last-paid'`, the code the last sale just paid with, read while the
 * next sale is being entered (its amount keyed, its code waiting, or nothing yet): the last customer's phone still
 * under the scanner, not the next customer's. Taken as the sale's code, either was charged again, and declined as used: on a
 * paid or queued sale the result went from the screen, and over a keyed amount the decline said "most likely paid
 * already", of a sale the next customer had not paid. `null`: a code to take. (A code read again while its charge is
 * on its way is the counter's own case: nothing new to hold.)
 */
export function rereadOf(code: string, sale: SaleAtCounter): 'outcome' | 'last-paid' | null {
	const outcomeShown = sale.phase === 'succeeded' || sale.phase === 'queued' || sale.phase === 'declined';
	if (outcomeShown && sale.chargeCode === code) return 'outcome';
	if (sale.phase === 'entry' && sale.lastPaidCode === code) return 'last-paid';
	return null;
}
