/**
 * The coupon lifecycle, in one table (DESIGN.md "Coupons"). Each write of a coupon's state in coupons/ names its
 * transition through nextCouponState, which throws for one not listed, so such a write fails the first test that
 * runs it. What keeps a stored row from a wrong move at run time is each UPDATE's WHERE on the state it leaves
 * (a concurrent change makes it match nothing). The grouped payment path (payments/group-statements.ts) writes
 * 'redeemed' for many coupons in one statement, after group-plan.ts judged each one's state in memory from rows
 * read in the same transaction.
 *   available -> reserved   a payment code was issued with it
 *   reserved  -> available  the code expired or was retired, or its payment was declined
 *   reserved  -> redeemed   its payment succeeded
 *   available -> redeemed   a queued offline payment whose reservation lapsed before it synced
 *   redeemed  -> available  its payment was fully refunded within the coupon's validity
 *   available -> shared     its owner offered it to a contact (it cannot pay meanwhile)
 *   shared    -> available  the owner took the offer back, or the contact claimed it (and now owns it)
 * `expired` is never stored: an available, reserved or shared coupon past its campaign's validity reads as expired
 * (effectiveCouponState, below), so a queued offline payment scanned before the end is judged by its scan time,
 * and reopening a campaign (a later end) makes its unused coupons available again with no write. The sweeper
 * (store.ts sweepExpiredRows) releases reservations whose code has lapsed, through 'release'.
 */
export type CouponState = 'available' | 'reserved' | 'redeemed' | 'expired' | 'shared';
export type CouponEvent = 'reserve' | 'release' | 'redeem' | 'refund' | 'share' | 'unshare';

const TRANSITIONS: Record<CouponState, Partial<Record<CouponEvent, CouponState>>> = {
  available: { reserve: 'reserved', redeem: 'redeemed', share: 'shared' },
  reserved: { release: 'available', redeem: 'redeemed' },
  redeemed: { refund: 'available' },
  expired: {},
  shared: { unshare: 'available' },
};

export function nextCouponState(state: CouponState, event: CouponEvent): CouponState {
  const next = TRANSITIONS[state][event];
  if (!next) throw new Error(`coupon cannot '${event}' from '${state}'`);
  return next;
}

/**
 * The state as of `now`, given what is stored: a reservation whose time has passed is already over, and an
 * unused coupon past its validity is expired, whether or not the sweeper has written that down yet.
 */
export function effectiveCouponState(
  stored: { state: CouponState; reserved_until: number | null },
  validUntil: number,
  now: number,
): CouponState {
  let state = stored.state;
  if (state === 'reserved' && (stored.reserved_until ?? 0) <= now) state = 'available';
  if ((state === 'available' || state === 'shared') && validUntil <= now) state = 'expired';
  return state;
}

/** Why a coupon cannot be reserved for a customer's new payment code now; null when it can. */
export type ReserveRefusal = 'not_found' | 'not_yet_valid' | Exclude<CouponState, 'available'>;

/**
 * The coupon-using request's checks, pure: the coupon must be the customer's, available as of `now` and already
 * valid. reserveCoupon (store.ts) answers its refusal; grouped code issuing (paycodes/issue-plan.ts) asks it
 * for each request of a group, so the two cannot drift apart. Someone else's coupon is refused as a missing
 * one: ids are not a way to learn about others.
 */
export function reserveRefusal(
  coupon: { customer_id: string; state: CouponState; reserved_until: number | null; valid_from: number; valid_until: number } | undefined,
  customerId: string,
  now: number,
): ReserveRefusal | null {
  if (!coupon || coupon.customer_id !== customerId) return 'not_found';
  const state = effectiveCouponState(coupon, coupon.valid_until, now);
  if (state !== 'available') return state;
  if (now < coupon.valid_from) return 'not_yet_valid';
  return null;
}
