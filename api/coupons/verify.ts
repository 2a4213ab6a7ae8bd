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
  /** Stored state; a reservation counts as available only for the code that holds it. */
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
  /** When the decision is made; a reservation held by another code blocks only while it lasts. */
  now: number;
}

export type Confirmation = { ok: true; deduction: number } | { ok: false; detail: CouponRefusal };

export function verifyCoupon(coupon: CouponFacts, order: Order): Confirmation {
  if (coupon.ownerId !== order.payerId) return { ok: false, detail: 'NOT_OWNER' };
  const heldByOther = coupon.state === 'reserved' && !coupon.reservedForThisCode && (coupon.reservedUntil ?? 0) > order.now;
  const usable = coupon.state === 'available' || coupon.state === 'reserved';
  if (!usable || heldByOther) return { ok: false, detail: 'NOT_AVAILABLE' };
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
