/**
 * A scanner reading a code again (a stand-mounted scanner re-reading the phone still under it, a trigger pressed
 * twice): what the counter makes of it. Pure, for the counter (counter.svelte.ts) and its page's keyboard wedge.
 */

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
