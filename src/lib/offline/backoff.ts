// Retry delays: exponential backoff with full jitter (delay = random(0, min(max, base * 2^n))),
// so that tablets coming back online together don't hit the server in lockstep.

/** First retry within 2 s: a cashier who just regained Wi-Fi sees the queue move at once. */
export const SYNC_BACKOFF_BASE_MS = 2_000;
/** Never wait more than 5 min: a shop's network outage rarely ends on a schedule. */
export const SYNC_BACKOFF_MAX_MS = 5 * 60_000;

/**
 * The delay before retry number `failures` (0 after the first failure).
 * `random` returns a number in [0, 1) (Math.random by default; tests pass their own).
 */
export function backoffDelayMs(failures: number, random: () => number = Math.random): number {
	if (!Number.isSafeInteger(failures) || failures < 0) {
		throw new RangeError(`failures must be a non-negative integer, got ${failures}`);
	}
	// 2^18 * 2 s already passes 5 min by far; cap the exponent so the power stays finite.
	const ceilingMs = Math.min(SYNC_BACKOFF_MAX_MS, SYNC_BACKOFF_BASE_MS * 2 ** Math.min(failures, 30));
	const r = random();
	if (!(r >= 0 && r < 1)) throw new RangeError(`random() must be in [0, 1), got ${r}`);
	return Math.floor(r * ceilingMs);
}
