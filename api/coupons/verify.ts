import { deductionFor, leastOrder, type CouponRule } from './rules.js';
import type { CouponState } from './states.js';

/**
 * Verification of a coupon for an order: the coupon service's answer to the payment service. Pure: it gets the
 * facts and the order and says yes with the deduction D, or no with a reason code (DESIGN.md), checked in the
 * order DESIGN.md lists them.
 */
export const COUPON_REFUSALS = ['NOT_OWNER', 'NOT_AVAILABLE', 'NOT_YET_VALID', 'EXPIRED', 'WRONG_MERCHANT', 'BELOW_MINIMUM', 'NO_DEDUCTION', 'BUDGET_EXHAUSTED'] as const;
export type CouponRefusal = (typeof COUPON_REFUSALS)[number];

export interface CouponFacts {
  ownerId: string;
  /**
   * Stored state. A reservation does not keep the coupon from the code paying now, whichever code holds it: the code
   * was the customer's live one when it was scanned (the code's checks come first), so a reservation by another code
   * is the newer code's the phone made after the scan (a fresh code every ~50 s, or a change of mind), and the scan
   * the cashier already took wins. That is the offline sale synced after its customer's phone moved on, which was
   * declined NOT_AVAILABLE after the counter had said "the sale is taken" and the customer had left. The newer code,
   * when scanned, finds the coupon used (NOT_AVAILABLE) with its customer there to choose again.
   */
  state: CouponState;
  reservedForThisCode: boolean;
  reservedUntil: number | null;
  rule: CouponRule;
  validFrom: number;
  validUntil: number;
  allMerchants: boolean;
  merchantIds: readonly string[];
  minimumSpend: number | null;
  budget: number | null;
  spent: number;
}

export interface Order {
  payerId: string;
  merchantId: string;
  amount: number;
  /** When the code was scanned: validity is judged at that moment (offline payments sync later). */
  at: number;
}

export type Confirmation = { ok: true; deduction: number } | { ok: false; detail: CouponRefusal };

export function verifyCoupon(coupon: CouponFacts, order: Order): Confirmation {
  if (coupon.ownerId !== order.payerId) return { ok: false, detail: 'NOT_OWNER' };
  const usable = coupon.state === 'available' || coupon.state === 'reserved';
  if (!usable) return { ok: false, detail: 'NOT_AVAILABLE' };
  if (order.at < coupon.validFrom) return { ok: false, detail: 'NOT_YET_VALID' };
  if (order.at >= coupon.validUntil) return { ok: false, detail: 'EXPIRED' };
  if (!coupon.allMerchants && !coupon.merchantIds.includes(order.merchantId)) return { ok: false, detail: 'WRONG_MERCHANT' };
  const minimum = leastOrder(coupon.minimumSpend, coupon.rule);
  if (order.amount < minimum) return { ok: false, detail: 'BELOW_MINIMUM' };
  const deduction = deductionFor(coupon.rule, order.amount);
  // An order so small that the coupon takes nothing off (15% of 0.06 rounds down to 0) would use the coupon up
  // for nothing, so it is refused and stays the customer's. Not BELOW_MINIMUM: the coupon may have no minimum
  // spend at all, and "below the minimum spend" on its result would be false.
  if (deduction === 0) return { ok: false, detail: 'NO_DEDUCTION' };
  if (coupon.budget !== null && coupon.spent + deduction > coupon.budget) return { ok: false, detail: 'BUDGET_EXHAUSTED' };
  return { ok: true, deduction };
}
