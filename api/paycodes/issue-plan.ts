import { nextCouponState, reserveRefusal } from '../coupons/states.js';
import type { CampaignTable, CouponTable } from '../db/schema.js';

/**
 * The decisions of issuing a group of payment codes together (issue-group.ts), pure: given what the database
 * holds for the group's customers (their live codes) and for the coupons they ask for, which rows change.
 *
 * It makes the same checks as issuePaycode (issue.ts) with reserveCoupon, in the same order, for each request
 * as if it ran alone: the customer's live code is retired and releases what it held; the coupon asked for must
 * be the customer's, available once that release is counted, and already valid. A request those checks refuse
 * is left out of the group ("steps") and issued alone afterwards by issuePaycode, which answers its error; so
 * is a second request of the same customer, which must see the first one's code retire. What the group
 * writes for the others is therefore what issuePaycode would have written for each of them.
 */

export interface IssueRequest {
  customerId: string;
  couponId: string | null;
  /** The new code's hash (the code itself never reaches the database). */
  codeHash: string;
}

/** A coupon as stored, with its campaign's validity: what a reservation is decided on. */
export type ReservableCoupon = Pick<CouponTable, 'customer_id' | 'state' | 'reserved_code_hash' | 'reserved_until'> & Pick<CampaignTable, 'valid_from' | 'valid_until'>;

export interface IssuePlan {
  /** Per request: true when the group issues it, false when it is issued alone afterwards. */
  together: boolean[];
  /** Customers whose row is touched (issuePaycode's first write). */
  customersTouched: string[];
  /** Live codes retired by the new ones. */
  codesRetired: string[];
  /** Coupons whose reservation ends because their code was retired (and that no new code takes). */
  couponsReleased: string[];
  /** Coupons the new codes hold. */
  couponsReserved: { couponId: string; codeHash: string }[];
  /** The new live codes. */
  codesIssued: { codeHash: string; customerId: string; couponId: string | null }[];
}

export function planIssues(
  requests: readonly IssueRequest[],
  /** The live code of each customer of the group that has one: customer id -> code hash. */
  liveCodes: ReadonlyMap<string, string>,
  /** The coupons the group asks for, by id (a missing one is absent). */
  coupons: ReadonlyMap<string, ReservableCoupon>,
  /** Coupons reserved by each live code above (state 'reserved'): code hash -> coupon ids. */
  heldByCode: ReadonlyMap<string, readonly string[]>,
  now: number,
): IssuePlan {
  const plan: IssuePlan = { together: [], customersTouched: [], codesRetired: [], couponsReleased: [], couponsReserved: [], codesIssued: [] };
  const seen = new Set<string>();
  const reserved = new Set<string>();
  for (const request of requests) {
    const first = !seen.has(request.customerId);
    seen.add(request.customerId);
    const retired = liveCodes.get(request.customerId) ?? null;
    const ok = first && (request.couponId === null || canReserve(coupons.get(request.couponId), request.customerId, retired, now));
    plan.together.push(ok);
    if (!ok) continue;
    plan.customersTouched.push(request.customerId);
    if (retired !== null) plan.codesRetired.push(retired);
    if (request.couponId !== null) {
      reserved.add(request.couponId);
      plan.couponsReserved.push({ couponId: request.couponId, codeHash: request.codeHash });
    }
    plan.codesIssued.push({ codeHash: request.codeHash, customerId: request.customerId, couponId: request.couponId });
  }
  // A coupon held by a retired code and asked for again by the new one goes straight to its new reservation.
  for (const hash of plan.codesRetired) {
    for (const couponId of heldByCode.get(hash) ?? []) if (!reserved.has(couponId)) plan.couponsReleased.push(couponId);
  }
  return plan;
}

/** reserveCoupon's checks (reserveRefusal), on the coupon as it stands once the customer's retired code has released it. */
function canReserve(coupon: ReservableCoupon | undefined, customerId: string, retiredCode: string | null, now: number): boolean {
  const releasedNow = coupon !== undefined && retiredCode !== null && coupon.state === 'reserved' && coupon.reserved_code_hash === retiredCode;
  const stored = releasedNow ? { ...coupon, state: nextCouponState('reserved', 'release'), reserved_until: null } : coupon;
  return reserveRefusal(stored, customerId, now) === null;
}
