/** Which declines the payment code screen takes as news of its code. Pure. */
import type { DeclineReason, Payment } from '$lib/api/types';

/**
 * The server's STALE_CODE_REASONS (api/payments/scan-time.ts), mirrored as the front end's types are (it never imports
 * api/): a decline of a code that was no longer live when the till scanned it (expired, put away, used before), or was
 * never a code. tests/unit/customer/stale-code-reasons.test.ts holds the two lists equal.
 */
export const STALE_CODE_REASONS: readonly DeclineReason[] = ['CODE_EXPIRED', 'CODE_UNKNOWN', 'CODE_USED'];

/**
 * The server's COUNTER_SALE_MS (api/payments/scan-time.ts), mirrored: how long after its scan a sale is still taken
 * as one at the counter now, so how late a code the phone has put away may still be charged (its scan judged at the
 * scan's time). The code screen listens for such a result that long (paycode.svelte.ts CLOSED_GRACE_MS).
 * tests/unit/customer/stale-code-reasons.test.ts holds the two equal.
 */
export const COUNTER_SALE_MS = 2 * 60_000;

/**
 * The declines that are no news of the code on screen (an old screenshot, a retired code): the phone keeps showing its
 * code, as if they had not come. The server's stale codes, and one more, which the server must not count among them:
 * OFFLINE_PAYMENT_CAP. Its code was live when the till scanned it, so the shop saw its customer and the decline names
 * them there (the server's list decides that); but the code had ended by the time the sale reached the server, at
 * least COUNTER_SALE_MS (2 minutes, scan-time.ts) after the scan, so it is a code the phone has since put away. Every
 * other reason (the balance, the coupon, a scan past the offline window) is this screen's result, and shown.
 */
export const OTHER_CODE_REASONS: readonly DeclineReason[] = [...STALE_CODE_REASONS, 'OFFLINE_PAYMENT_CAP'];

/** A payment declined for a code other than the one on screen (OTHER_CODE_REASONS). */
export function declinedForOtherCode(p: Pick<Payment, 'status' | 'reason'>): boolean {
	return p.status === 'declined' && p.reason !== null && OTHER_CODE_REASONS.includes(p.reason);
}
