/**
 * When a code typed by hand counts as taken: when the cashier began typing it, not when they pressed "Use code".
 *
 * Typing 18 digits off a phone takes 10 to 20 seconds, and the phone replaces its code some seconds before it
 * expires (REFRESH_LEAD_MS), which retires the old one on the server at once. A code begun with a few seconds left
 * on the phone's "New code in N s" was replaced before it was all typed, and stamped at "Use code" it was declined
 * as expired while the queue waited. The server judges a code at its scan time and takes a scan made up to two
 * minutes ago as a sale at the counter (api/payments/scan-time.ts COUNTER_SALE_MS, api/topups/rules.ts): stamped
 * at its first keystroke (a key, the phone's keypad, a paste), the code the cashier was reading when they began
 * pays, and a code they began typing after it was replaced still does not. A field cleared starts again.
 *
 * Pure but for the clock it is handed (`now`), so it is tested without a page (tests/unit/web/typed-start.test.ts).
 */
import { serverNow } from '$lib/api/server-clock';

/** When a code was taken: on the server's clock as the device knows it, and on the page's monotonic clock. */
export interface TakenAt {
	scannedAt: Date;
	/** performance.now() then: a code's age on this page is measured by it (counter-draft.ts codeAgeMs). */
	takenAtMono: number;
}

/**
 * A start older than this when the code is taken is not the typing of this code: the field was left with some digits
 * in it (a code begun and given up, a digit short) and finished a while later, maybe with another code's digits. The
 * code is then taken as of "Use code", as before. A minute is three times what the typing takes, and leaves at least
 * as long again of the server's two minutes for keying the amount and charging (the counter refuses a code taken
 * longer ago than that, counter-draft.ts KEPT_SALE_MS).
 */
export const TYPING_START_MAX_AGE_MS = 60_000;

export function takenNow(): TakenAt {
	return { scannedAt: serverNow(), takenAtMono: performance.now() };
}

/**
 * The typing's start after the field changed to `value` (an `input` event of any kind: a key, a paste, the phone's
 * keypad, a scan the wedge put in or took out): the first edit that leaves a digit starts it, and it stays until the
 * field holds no digit again. Full-width digits (a Chinese input method) are digits.
 */
export function typingStartAfterEdit(start: TakenAt | null, value: string, now: () => TakenAt = takenNow): TakenAt | null {
	if (!/\p{Nd}/u.test(value)) return null;
	return start ?? now();
}

/** When the code typed is taken, as "Use code" is pressed: the typing's start, unless there was none or it is too old. */
export function typedCodeTakenAt(start: TakenAt | null, now: TakenAt = takenNow()): TakenAt {
	if (!start) return now;
	const age = now.takenAtMono - start.takenAtMono;
	return age >= 0 && age <= TYPING_START_MAX_AGE_MS ? start : now;
}
