import { describe, expect, it } from 'vitest';
import { NEW_SHARE_COLUMNS, nextShareState, shareMoveColumns, shareStatus, storedShareState } from '../../../api/coupons/share-states.js';
import { effectiveCouponState, nextCouponState, reserveRefusal } from '../../../api/coupons/states.js';
import { generatePaycode, PAYCODE_PATTERN, PAYCODE_PREFIX } from '../../../api/paycodes/codes.js';
import { nextCodeState } from '../../../api/paycodes/states.js';
import { assertPaymentTransition } from '../../../api/payments/states.js';

describe('coupon lifecycle', () => {
  it('follows DESIGN.md: available → reserved → redeemed, back to available on release or full refund', () => {
    expect(nextCouponState('available', 'reserve')).toBe('reserved');
    expect(nextCouponState('reserved', 'release')).toBe('available');
    expect(nextCouponState('reserved', 'redeem')).toBe('redeemed');
    expect(nextCouponState('redeemed', 'refund')).toBe('available');
    expect(nextCouponState('available', 'share')).toBe('shared');
    expect(nextCouponState('shared', 'unshare')).toBe('available');
  });

  it('refuses transitions DESIGN.md does not allow', () => {
    expect(() => nextCouponState('redeemed', 'reserve')).toThrow();
    expect(() => nextCouponState('expired', 'reserve')).toThrow();
    expect(() => nextCouponState('available', 'release')).toThrow();
    expect(() => nextCouponState('redeemed', 'redeem')).toThrow();
  });

  it('a lapsed reservation reads as available and an ended coupon as expired, before any sweeper runs', () => {
    expect(effectiveCouponState({ state: 'reserved', reserved_until: 100 }, 1_000, 100)).toBe('available');
    expect(effectiveCouponState({ state: 'reserved', reserved_until: 101 }, 1_000, 100)).toBe('reserved');
    expect(effectiveCouponState({ state: 'available', reserved_until: null }, 1_000, 1_000)).toBe('expired');
    expect(effectiveCouponState({ state: 'redeemed', reserved_until: null }, 1_000, 5_000)).toBe('redeemed');
  });
});

describe('coupon share lifecycle', () => {
  it('an offer is open until a contact claims it or its owner takes it back', () => {
    expect(storedShareState(NEW_SHARE_COLUMNS)).toBe('open');
    expect(nextShareState('open', 'claim')).toBe('claimed');
    expect(nextShareState('open', 'take_back')).toBe('taken_back');
  });

  it('a claimed or taken-back offer is over: it cannot be claimed again, taken back again, or claimed after all', () => {
    expect(() => nextShareState('claimed', 'claim')).toThrow();
    expect(() => nextShareState('claimed', 'take_back')).toThrow();
    expect(() => nextShareState('taken_back', 'claim')).toThrow();
    expect(() => nextShareState('taken_back', 'take_back')).toThrow();
  });

  it('each move writes its own column, stamped with its time; a refused move writes nothing', () => {
    expect(shareMoveColumns('open', 'claim', 500)).toEqual({ claimed_at: 500 });
    expect(shareMoveColumns('open', 'take_back', 500)).toEqual({ revoked_at: 500 });
    expect(() => shareMoveColumns('claimed', 'take_back', 500)).toThrow();
    expect(() => shareMoveColumns('taken_back', 'claim', 500)).toThrow();
  });

  it('reads the state back from the stored columns: what each move wrote means the state it moved to', () => {
    expect(storedShareState({ ...NEW_SHARE_COLUMNS, ...shareMoveColumns('open', 'claim', 500) })).toBe('claimed');
    expect(storedShareState({ ...NEW_SHARE_COLUMNS, ...shareMoveColumns('open', 'take_back', 500) })).toBe('taken_back');
  });

  it("an open offer past its campaign's end reads as expired; a claimed or taken-back one keeps saying what happened", () => {
    expect(shareStatus(NEW_SHARE_COLUMNS, 1_000, 999)).toBe('open');
    expect(shareStatus(NEW_SHARE_COLUMNS, 1_000, 1_000)).toBe('expired');
    expect(shareStatus({ claimed_at: 500, revoked_at: null }, 1_000, 5_000)).toBe('claimed');
    expect(shareStatus({ claimed_at: null, revoked_at: 500 }, 1_000, 5_000)).toBe('taken_back');
  });
});

describe('reserving a coupon for a payment code', () => {
  const coupon = { customer_id: 'alice', state: 'available' as const, reserved_until: null, valid_from: 100, valid_until: 1_000 };

  it("reserves the customer's own available, valid coupon", () => {
    expect(reserveRefusal(coupon, 'alice', 500)).toBeNull();
    expect(reserveRefusal({ ...coupon, state: 'reserved', reserved_until: 400 }, 'alice', 500)).toBeNull();
  });

  it("refuses someone else's coupon as a missing one, and says why it refuses the customer's own", () => {
    expect(reserveRefusal(undefined, 'alice', 500)).toBe('not_found');
    expect(reserveRefusal(coupon, 'bob', 500)).toBe('not_found');
    expect(reserveRefusal({ ...coupon, state: 'reserved', reserved_until: 600 }, 'alice', 500)).toBe('reserved');
    expect(reserveRefusal({ ...coupon, state: 'redeemed' }, 'alice', 500)).toBe('redeemed');
    expect(reserveRefusal({ ...coupon, state: 'shared' }, 'alice', 500)).toBe('shared');
    expect(reserveRefusal(coupon, 'alice', 1_000)).toBe('expired');
    expect(reserveRefusal(coupon, 'alice', 99)).toBe('not_yet_valid');
  });
});

describe('payment lifecycle', () => {
  it('allows refunds of succeeded payments only', () => {
    expect(() => assertPaymentTransition('succeeded', 'partially_refunded')).not.toThrow();
    expect(() => assertPaymentTransition('partially_refunded', 'refunded')).not.toThrow();
    expect(() => assertPaymentTransition('declined', 'refunded')).toThrow();
    expect(() => assertPaymentTransition('refunded', 'partially_refunded')).toThrow();
  });
});

describe('payment code lifecycle', () => {
  it('live → used or retired; a retired code may still be used by an offline scan made before; used is final', () => {
    expect(nextCodeState('live', 'use')).toBe('used');
    expect(nextCodeState('live', 'retire')).toBe('retired');
    expect(nextCodeState('retired', 'use')).toBe('used');
    expect(() => nextCodeState('used', 'use')).toThrow();
    expect(() => nextCodeState('used', 'retire')).toThrow();
    expect(() => nextCodeState('retired', 'retire')).toThrow();
  });
});

describe('payment codes', () => {
  it('are 18 digits with our prefix, which no wallet uses (not 10–15, 25–30, 62)', () => {
    const prefix = Number(PAYCODE_PREFIX);
    expect(prefix >= 10 && prefix <= 15).toBe(false);
    expect(prefix >= 25 && prefix <= 30).toBe(false);
    expect(prefix).not.toBe(62);
    for (let i = 0; i < 1000; i++) {
      const code = generatePaycode();
      expect(code).toMatch(PAYCODE_PATTERN);
      expect(code.startsWith(PAYCODE_PREFIX)).toBe(true);
    }
  });

  it('spread their random digits evenly (no modulo bias a guesser could use)', () => {
    const counts = new Array(10).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) counts[Number(generatePaycode()[2])]++;
    // Each leading random digit should appear about n/10 times; a biased generator skews this far more.
    for (const c of counts) expect(Math.abs(c - n / 10)).toBeLessThan(n / 10 * 0.1);
  });
});
