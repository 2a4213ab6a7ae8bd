/**
 * Random coupon rules and amounts for the property tests of the coupon arithmetic, the server's and the phone's
 * alike: every valid rule kind over the whole range an amount may take (integer minor units).
 */
import fc from 'fast-check';
import type { CouponRule } from '../../api/coupons/rules.js';

export const amountArb = fc.integer({ min: 1, max: 100_000_000 });

export const ruleArb: fc.Arbitrary<CouponRule> = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), off: fc.integer({ min: 1, max: 100_000_000 }) }),
  fc.record({
    kind: fc.constant('percent' as const),
    percent: fc.integer({ min: 1, max: 100 }),
    cap: fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('threshold' as const), minimum: fc.integer({ min: 1, max: 100_000_000 }), off: fc.integer({ min: 1, max: 100_000_000 }) }),
);
