/**
 * The coupon lifecycle, in one table (DESIGN.md "Coupons"). Any transition not listed is a bug and throws.
 *   available -> reserved   a payment code was issued with it
 *   reserved  -> available  the code expired or was retired, or its payment was declined
 *   reserved  -> redeemed   its payment succeeded
 *   available -> redeemed   a queued offline payment whose reservation lapsed before it synced
 *   redeemed  -> available  its payment was fully refunded within the coupon's validity
 *   available -> expired    its validity ended
 *   available -> shared     its owner offered it to a contact (it cannot pay meanwhile)
 *   shared    -> available  the owner took the offer back, or the contact claimed it (and now owns it)
 *   shared    -> expired    its validity ended before anyone claimed it
 */
export type CouponState = 'available' | 'reserved' | 'redeemed' | 'expired' | 'shared';
export type CouponEvent = 'reserve' | 'release' | 'redeem' | 'refund' | 'expire' | 'share' | 'unshare';

const TRANSITIONS: Record<CouponState, Partial<Record<CouponEvent, CouponState>>> = {
  available: { reserve: 'reserved', redeem: 'redeemed', expire: 'expired', share: 'shared' },
  reserved: { release: 'available', redeem: 'redeemed', expire: 'expired' },
  redeemed: { refund: 'available' },
  expired: {},
  shared: { unshare: 'available', expire: 'expired' },
};

export function nextCouponState(state: CouponState, event: CouponEvent): CouponState {
  const next = TRANSITIONS[state][event];
  if (!next) throw new Error(`coupon cannot '${event}' from '${state}'`);
  return next;
}

export function canCoupon(state: CouponState, event: CouponEvent): boolean {
  return TRANSITIONS[state][event] !== undefined;
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
