/** Pure helpers for the payment code screen. */

/**
 * Refresh this long before the code expires: a cashier who scans in the last seconds must still
 * find it live, and the refresh itself needs a round trip. For very short lifetimes (tests set
 * PAYCODE_TTL_MS low) the lead is capped at half the lifetime so a code is shown at all.
 */
export const REFRESH_LEAD_MS = 10_000;

export function refreshDelayMs(expiresInMs: number): number {
	const lead = Math.min(REFRESH_LEAD_MS, Math.floor(expiresInMs / 2));
	return Math.max(0, expiresInMs - lead);
}

/**
 * Local clock time the code on screen is replaced: what its countdown counts to. `issuedAtMs` is when its request
 * was sent: the server made the code at some moment before its answer arrived, so this is the earliest it can be.
 */
export function replacedAtMs(issuedAtMs: number, expiresInMs: number): number {
	return issuedAtMs + refreshDelayMs(expiresInMs);
}

/** How long from `nowMs` (the answer's arrival) until the code asked for at `sentAtMs` is replaced: 0 when past. */
export function refreshInMs(sentAtMs: number, expiresInMs: number, nowMs: number): number {
	return Math.max(0, replacedAtMs(sentAtMs, expiresInMs) - nowMs);
}

/**
 * Whole seconds from `nowMs` to `atMs`, rounded up so "0 s" shows only when the moment has come,
 * and never below 0.
 */
export function secondsUntil(atMs: number, nowMs: number): number {
	return Math.max(0, Math.ceil((atMs - nowMs) / 1000));
}

/** "123 456 789 012 345 678": groups of three are the easiest to read aloud and to type. */
export function groupDigits(code: string, size = 3): string[] {
	const groups: string[] = [];
	for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
	return groups;
}

/**
 * The code as a screen reader should say it: "8 8 1, 2 3 4, …". Groups written as "881 234" were read as numbers
 * ("eight hundred eighty-one", 八百八十一), and a group such as "012" as "twelve", losing the zero the cashier types.
 * Each digit apart is said as a digit in every language; the comma is a pause between the groups.
 */
export function spokenDigits(code: string): string {
	return groupDigits(code)
		.map((g) => g.split('').join(' '))
		.join(', ');
}

/** A till's clock may be this far behind the server's: scan times are stamped on a learned offset that rounds a
 * difference under a second or so to nothing (src/lib/api/server-clock.ts). */
const SCAN_CLOCK_ALLOWANCE_MS = 5_000;
/** A sale settled this long after its scan was sent late: queued on an offline till. */
const SENT_LATE_MS = 10_000;

/**
 * A sale from before this code screen opened (`openedAt`, on the server's clock), not this screen's result: scanned
 * clearly before it, or scanned before it and sent late (an offline till's sale of an earlier code). A code read
 * within a second of being shown, at a till whose clock is a little behind, is stamped just before the screen
 * opened and is sent at once: that one is this screen's, and the customer must see it paid.
 */
export function fromBeforeScreen(p: { scannedAt?: string | null; settledAt?: string | null }, openedAt: number): boolean {
	const scanned = Date.parse(p.scannedAt ?? p.settledAt ?? '');
	if (Number.isNaN(scanned) || scanned >= openedAt) return false;
	if (scanned < openedAt - SCAN_CLOCK_ALLOWANCE_MS) return true;
	const settled = Date.parse(p.settledAt ?? '');
	return !Number.isNaN(settled) && settled - scanned > SENT_LATE_MS;
}
