/**
 * Random coupon rules and amounts for the property tests of the coupon arithmetic, the server's and the phone's
 * alike: every valid rule kind over the whole range an amount may take (integer minor units).
 */
import fc from 'fast-check';
import type { CouponRule } from '../../api/coupons/rules.js';

export const amountArb = fc.integer({ min: 1, max: 100_000_000 });

/**
 * One arbitrary per kind of rule, keyed by the kind: a new kind of CouponRule does not compile until it is drawn
 * here too, so the property tests that hold the phone's arithmetic and the CSV's words to the server's try it.
 */
const RULE_ARBS: { [K in CouponRule['kind']]: fc.Arbitrary<Extract<CouponRule, { kind: K }>> } = {
  fixed: fc.record({ kind: fc.constant('fixed' as const), off: fc.integer({ min: 1, max: 100_000_000 }) }),
  percent: fc.record({
    kind: fc.constant('percent' as const),
    percent: fc.integer({ min: 1, max: 100 }),
    cap: fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: null }),
  }),
  threshold: fc.record({ kind: fc.constant('threshold' as const), minimum: fc.integer({ min: 1, max: 100_000_000 }), off: fc.integer({ min: 1, max: 100_000_000 }) }),
};

export const ruleArb: fc.Arbitrary<CouponRule> = fc.oneof(...Object.values<fc.Arbitrary<CouponRule>>(RULE_ARBS));
