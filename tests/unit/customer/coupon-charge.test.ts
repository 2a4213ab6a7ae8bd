import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	deductionFor as serverDeductionFor,
	hasOwnMinimum as serverHasOwnMinimum,
	leastOrder as serverLeastOrder,
	ruleMinimum as serverRuleMinimum,
	smallestSaving as serverSmallestSaving,
	type CouponRule
} from '../../../api/coupons/rules.js';
import { verifyCoupon } from '../../../api/coupons/verify.js';
import { chargeWithCoupon, deductionFor } from '../../../src/lib/customer/coupon-charge';
import { hasOwnMinimum, leastOrder, ruleMinimum, smallestSaving } from '../../../src/lib/customer/coupon-rules';
import { couponMinimum, minimumToTell } from '../../../src/lib/customer/coupons';
import { amountArb, ruleArb } from '../../support/coupon-rule-arbs';

const minimumSpendArb = fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: null });

describe('the phone works out a coupon’s saving exactly as the server does', () => {
	it('the same cases as the server’s own tests: percent rounds down and respects its cap, fixed never exceeds the amount', () => {
		expect(deductionFor({ kind: 'percent', percent: 15, cap: null }, 999)).toBe(149);
		expect(deductionFor({ kind: 'percent', percent: 15, cap: 2000 }, 20_000)).toBe(2000);
		expect(deductionFor({ kind: 'percent', percent: 33, cap: null }, 1)).toBe(0);
		expect(deductionFor({ kind: 'fixed', off: 500 }, 300)).toBe(300);
		expect(deductionFor({ kind: 'threshold', minimum: 5000, off: 1000 }, 4999)).toBe(0);
		expect(deductionFor({ kind: 'threshold', minimum: 5000, off: 1000 }, 5000)).toBe(1000);
	});

	it('for any rule and amount, the same saving, minimum and smallest saving as api/coupons/rules.ts', () => {
		fc.assert(
			fc.property(ruleArb, amountArb, (rule, amount) => {
				expect(deductionFor(rule, amount)).toBe(serverDeductionFor(rule, amount));
				expect(ruleMinimum(rule)).toBe(serverRuleMinimum(rule));
				expect(hasOwnMinimum(rule.kind)).toBe(serverHasOwnMinimum(rule.kind));
				expect(smallestSaving(rule)).toBe(serverSmallestSaving(rule));
				// A rule has a minimum of its own exactly when it names one (every minimum is at least one minor unit).
				expect(serverHasOwnMinimum(rule.kind)).toBe(serverRuleMinimum(rule) > 0);
			})
		);
	});

	it('for any rule and minimum spend, the same least order as the server’s, which the phone’s minimums are told from', () => {
		// 0 as well as none: a minimum spend of 0 may be stored, and asks for nothing.
		const anyMinimumSpendArb = fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null });
		fc.assert(
			fc.property(ruleArb, anyMinimumSpendArb, (rule, minimumSpend) => {
				const least = leastOrder(minimumSpend, rule);
				expect(least).toBe(serverLeastOrder(minimumSpend, rule));
				const coupon = { rule, minimumSpend: minimumSpend === null ? null : { amount: minimumSpend, currency: 'CNY' } };
				expect(couponMinimum(coupon)).toBe(least > 0 ? least : null);
				expect(minimumToTell(coupon)).toBe(least > ruleMinimum(rule) ? least : null);
			})
		);
	});

	it('for any coupon and amount, a charge exactly when the server would take the coupon, and the same charge', () => {
		fc.assert(
			fc.property(ruleArb, minimumSpendArb, amountArb, (rule, minimumSpend, amount) => {
				const onPhone = chargeWithCoupon({ rule, minimumSpend: minimumSpend === null ? null : { amount: minimumSpend, currency: 'CNY' } }, amount);
				const now = Date.parse('2026-03-01T12:00:00Z');
				const server = verifyCoupon(
					{
						ownerId: 'cus_1',
						state: 'available',
						reservedForThisCode: false,
						reservedUntil: null,
						validFrom: now - 1,
						validUntil: now + 1,
						allMerchants: true,
						merchantIds: [],
						minimumSpend,
						rule,
						budget: null,
						spent: 0
					},
					{ payerId: 'cus_1', merchantId: 'mer_1', amount, at: now }
				);
				expect(onPhone).toBe(server.ok ? amount - server.deduction : null);
			})
		);
	});

	it('12% off at most ¥10 on a ¥55.00 order: ¥48.40 to pay, so ¥50.00 is enough', () => {
		const twelveOff = { rule: { kind: 'percent' as const, percent: 12, cap: 1000 }, minimumSpend: { amount: 2000, currency: 'CNY' } };
		expect(chargeWithCoupon(twelveOff, 5500)).toBe(4840);
		expect(chargeWithCoupon(twelveOff, 1999)).toBeNull(); // below the campaign's minimum spend
	});
});

/**
 * A kind of rule a newer server sends to a phone still on the old build (a new version waits for the user's tap on
 * Reload, src/lib/pwa/register.ts): "¥15 off every ¥100", say. The phone cannot work out its saving and says so.
 */
describe('a coupon whose kind of rule this build does not know', () => {
	const stepped = { kind: 'stepped', step: 10_000, off: 1_500 } as unknown as CouponRule;
	const coupon = { rule: stepped, minimumSpend: { amount: 2_000, currency: 'CNY' } };

	it('has no saving worked out on the phone (the till tells), rather than NaN or an error', () => {
		expect(deductionFor(stepped, 25_000)).toBeNull();
		expect(chargeWithCoupon(coupon, 25_000)).toBeNull();
		expect(smallestSaving(stepped)).toBeNull();
	});

	it('is held to its campaign’s minimum spend, the one minimum the phone knows', () => {
		expect(hasOwnMinimum(stepped.kind)).toBe(false);
		expect(ruleMinimum(stepped)).toBe(0);
		expect(couponMinimum(coupon)).toBe(2_000);
		expect(minimumToTell(coupon)).toBe(2_000);
	});
});
