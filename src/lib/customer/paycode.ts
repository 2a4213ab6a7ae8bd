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
