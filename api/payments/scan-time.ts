import type { PaycodeRow } from '../db/schema.js';
import { invalid } from '../http/errors.js';
import type { DeclineDetail, DeclineReason } from './states.js';

/** Clocks of tablets drift; a scan time this far ahead of the server is still taken as "now". */
export const SCAN_CLOCK_SKEW_MS = 5 * 60_000;

/** A scan time further ahead of the server than a tablet's clock drifts is a request error (a payment's, a top-up's). */
export function assertScanNotInFuture(scannedAt: number | null, now: number): void {
  if (scannedAt !== null && scannedAt > now + SCAN_CLOCK_SKEW_MS) throw invalid('scannedAt', 'scannedAt lies in the future.');
}

/**
 * A scan this recent is a sale at the counter now, not one caught up from offline: the cashier may scan first and
 * key a long order after, or the till's first send may have gone unanswered, and meanwhile the minute-long code
 * expires or the phone replaces it. Such a sale is not held to the offline cap.
 */
export const COUNTER_SALE_MS = 2 * 60_000;

export type CodeTimes = Pick<PaycodeRow, 'created_at' | 'expires_at' | 'state' | 'ended_at'>;

/**
 * A CODE_USED decline's detail when the code was still live at the scan and was used after it (by another payment:
 * the customer paid with it elsewhere while this till was offline). The shop then knows its customer, who was at
 * its counter, and may need to ask them for the money.
 */
export const USED_AFTER_SCAN = 'USED_AFTER_SCAN' satisfies DeclineDetail;

/**
 * A CODE_USED decline's detail when the code was used up at this same shop, by a payment that named its customer
 * to the shop (a sale paid or declined at its counter): the code read twice, or its customer holding up a
 * screenshot of it. The shop already knows whose code it is, so the decline names them too (payments/view.ts
 * forShop), and the shop can see who it was or call them back. A photo held up at any other shop still names no one.
 */
export const USED_HERE = 'USED_HERE' satisfies DeclineDetail;

/**
 * The reasons of a decline of a code that was no longer live when the till scanned it (expired, put away, used
 * before the scan) or was never a code: whoever held it up was not shown it by its customer at this counter, so
 * such a decline names no customer to the shop (view.ts forShop), unless its detail says the shop knows them
 * (USED_AFTER_SCAN, USED_HERE).
 */
export const STALE_CODE_REASONS = ['CODE_EXPIRED', 'CODE_UNKNOWN', 'CODE_USED'] as const satisfies readonly DeclineReason[];

/**
 * A decline for one of these reasons is never taken as the use of its code at the shop (USED_HERE), though it may
 * have marked the code used: a stale code's decline named no one, and one past the offline window (a scan a day
 * old of a live code, a till's clock gone wrong) is not a sale the shop saw its customer make, so such a code names
 * no one. Once a code is used, any later attempt is declined CODE_USED, or OFFLINE_WINDOW_PASSED when its scan is
 * too old, so of the payments of a code at the instant it was used (a clock that stood still, a group), leaving
 * these out leaves at most one: the one that used it up. settle.ts codeUsedUpHere (deciding USED_HERE) and view.ts
 * withPaymentThatUsedCode (naming that payment on the decline) both look for it so.
 */
export const NOT_A_USE_HERE_REASONS = [...STALE_CODE_REASONS, 'OFFLINE_WINDOW_PASSED'] as const satisfies readonly DeclineReason[];

export type ScanVerdict = { ok: true; at: number } | { ok: false; reason: DeclineReason; detail: typeof USED_AFTER_SCAN | typeof USED_HERE | null };

/**
 * Whether a known code pays for a scan at `scannedAt` (no later than now), judged at the scan time (DESIGN.md
 * "Offline cashier"): not used, issued before the scan (tablet clocks may run a little early), and neither
 * expired nor retired (by a newer code, or put away by the customer) before it. `at` is the instant the
 * coupon is then judged at. Pure: settle.ts and group-plan.ts both ask it, so the two paths cannot disagree.
 *
 * A code that is no longer live now, scanned longer ago than a sale at the counter takes (COUNTER_SALE_MS),
 * pays only because of when it was scanned: that is offline acceptance, at the shop's risk, so the shop's
 * per-payment offline cap holds here as well as on the tablet. Without it, a cashier who had once seen a code
 * (shown, then put away by the customer) could charge it any amount later with a scan time from before it was
 * put away. A code still live now is judged as any online payment: the cap does not apply to it.
 *
 * `usedHere`: a used code was used up at this shop by a payment that named its customer (settle.ts codeUsedUpHere).
 *
 * The cap is the shop's as it stands when the sale reaches the server (shop/facts.ts), for a scan queued before a
 * manager changed it as for one after. It guards customers against old scan times, and a manager who lowers it
 * has decided to risk less from now on; a queued sale it then declines is not lost: the tablet lists it with its
 * reason, to charge again or mark as paid in cash. Judging a scan by the cap of its own time would mean keeping
 * every past cap, and would let a till that learned of a lowered cap late charge the old amount days after.
 */
export function judgeScan(code: CodeTimes, scannedAt: number, now: number, amount: number, offlinePaymentMax: number, usedHere = false): ScanVerdict {
  if (code.state === 'used') {
    const liveAtScan = code.ended_at !== null && scannedAt < code.ended_at && scannedAt >= code.created_at - SCAN_CLOCK_SKEW_MS;
    return { ok: false, reason: 'CODE_USED', detail: liveAtScan ? USED_AFTER_SCAN : usedHere ? USED_HERE : null };
  }
  let at = scannedAt;
  if (at < code.created_at) {
    if (code.created_at - at > SCAN_CLOCK_SKEW_MS) return { ok: false, reason: 'CODE_UNKNOWN', detail: null };
    at = code.created_at;
  }
  if (at >= code.expires_at || (code.state === 'retired' && (code.ended_at ?? 0) <= at)) return { ok: false, reason: 'CODE_EXPIRED', detail: null };
  const liveNow = code.state === 'live' && now < code.expires_at;
  if (!liveNow && now - scannedAt > COUNTER_SALE_MS && amount > offlinePaymentMax) return { ok: false, reason: 'OFFLINE_PAYMENT_CAP', detail: null };
  return { ok: true, at };
}
