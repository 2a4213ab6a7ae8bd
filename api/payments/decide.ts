import { verifyCoupon, type CouponFacts } from '../coupons/verify.js';
import { platformAccountId } from '../ledger/system-accounts.js';
import { judgeScan, type CodeTimes } from './scan-time.js';
import { charge, type Funding } from './split.js';
import type { DeclineDetail, DeclineReason } from './states.js';

/**
 * What the payment service decides for one payment, from facts already read. Pure, and asked by both ways a
 * payment is settled: settle.ts (one payment, statement by statement, the reference) and group-plan.ts (a group
 * decided in memory from facts read once), so the two cannot disagree on a rule. What differs between them is
 * only how the facts are read and where the balances' floors are checked (the database's, or the group's running
 * balances); floorRefusal says what a refused debit means for both.
 *
 * The order of the checks is DESIGN.md's: the offline window, the code at the time of its scan (scan-time.ts),
 * then the coupon (coupon service: verifyCoupon, which gives the deduction D), then the charge A − D. A refund's
 * rules, which give these debits back, are refund-rules.ts's.
 */

/**
 * A declined payment's reason; `withCampaign`: the coupon's campaign and funding are recorded on the payment;
 * `shortBy`: on a balance too low, what more the wallet needed, in minor units (floorRefusal).
 */
export type Decline = { ok: false; reason: DeclineReason; detail: DeclineDetail | null; withCampaign: boolean; shortBy?: number };

export const declined = (reason: DeclineReason, detail: DeclineDetail | null = null, withCampaign = false): Decline => ({
  ok: false,
  reason,
  detail,
  withCampaign,
});

/** A scan older than the offline window is declined whatever its code; settle.ts asks this before the code is known. */
export function pastOfflineWindow(scannedAt: number, now: number, offlineWindowMs: number): boolean {
  return now - scannedAt > offlineWindowMs;
}

/** Whether the code pays for this scan, and `at`, the instant its coupon is judged at. `codeUsedHere`: see judgeScan. */
export function judgeTiming(
  code: CodeTimes,
  sale: { scannedAt: number; now: number; amount: number; codeUsedHere: boolean },
  limits: { offlineWindowMs: number; offlinePaymentMax: number },
): { ok: true; at: number } | Decline {
  if (pastOfflineWindow(sale.scannedAt, sale.now, limits.offlineWindowMs)) return declined('OFFLINE_WINDOW_PASSED');
  const scan = judgeScan(code, sale.scannedAt, sale.now, sale.amount, limits.offlinePaymentMax, sale.codeUsedHere);
  return scan.ok ? scan : declined(scan.reason, scan.detail);
}

/** A debit of the payment: the customer's wallet pays C, the platform's budget pays D when it funds the coupon. */
export interface Debit {
  account: string;
  amount: number;
  kind: 'payment' | 'subsidy';
}

/** An order the rules let through: the charge, who funds the coupon's deduction, and the ledger's debits. */
export type OrderApproval = { ok: true; money: ReturnType<typeof charge>; funding: Funding | null; debits: Debit[] };
export type OrderDecision = Decline | OrderApproval;

/**
 * The order, once the scan is good: `coupon` is undefined when the code carries none, null when the code's coupon
 * is gone. The debits all credit the merchant's account; settlement = C, plus D when the platform funds the coupon.
 */
export function judgeOrder(
  order: { payer: { customerId: string; accountId: string }; merchantId: string; amount: number; currency: string; at: number },
  coupon: (CouponFacts & { funding: Funding }) | null | undefined,
): OrderDecision {
  let deduction = 0;
  if (coupon === null) return declined('COUPON_NOT_APPLICABLE', 'NOT_AVAILABLE');
  if (coupon) {
    const confirmation = verifyCoupon(coupon, { payerId: order.payer.customerId, merchantId: order.merchantId, amount: order.amount, at: order.at });
    if (!confirmation.ok) return declined('COUPON_NOT_APPLICABLE', confirmation.detail, true);
    deduction = confirmation.deduction;
  }
  const funding = coupon?.funding ?? null;
  const money = charge(order.amount, deduction, funding);
  // A refund gives these debits back in part (refund-rules.ts refundTransfers): a new kind of debit does not compile
  // until it is given its reversal there (the ledger's invariants would not notice one left out: the money would just
  // stay).
  const debits: Debit[] = [];
  if (money.charged > 0) debits.push({ account: order.payer.accountId, amount: money.charged, kind: 'payment' });
  if (funding === 'platform' && money.deduction > 0) debits.push({ account: platformAccountId(order.currency), amount: money.deduction, kind: 'subsidy' });
  return { ok: true, money, funding, debits };
}

/**
 * A debit refused at its account's floor: the customer's wallet is short, or the platform's marketing budget ran
 * dry, so the coupon cannot be honoured (the customer may pay without it). `short`: how far below its floor the debit
 * would have taken the account; for the wallet, the difference the counter asks the customer for ("¥40.00 short").
 */
export function floorRefusal(refusedAccount: string, payerAccount: string, short: number): Decline {
  if (refusedAccount !== payerAccount) return declined('COUPON_NOT_APPLICABLE', 'BUDGET_EXHAUSTED', true);
  if (!Number.isSafeInteger(short) || short <= 0) throw new Error(`a refused debit falls short by a positive amount: ${short}`);
  return { ...declined('INSUFFICIENT_FUNDS'), shortBy: short };
}
