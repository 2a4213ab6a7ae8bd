/**
 * What an order would cost with a coupon, worked out on the phone: after "balance too low" the customer needs
 * to know what they must have, and that is the amount less the coupon's saving, not the amount keyed.
 *
 * The same arithmetic as the server's (api/coupons/rules.ts deductionFor, api/coupons/verify.ts), mirrored here
 * because the front end never imports api/; tests/unit/customer/coupon-charge.test.ts checks the two agree.
 * Integer minor units only; percent rounds down. The server still decides: a campaign's budget, known only
 * there, may refuse the coupon.
 */
import type { Coupon, CouponRule } from '$lib/api/types';
import { assertMinor } from '$lib/money/money';
import { leastOrder } from './coupon-rules';

/**
 * The saving a rule gives on an amount that meets its minimum: D = min(rule(A), A). Null for a kind of rule this
 * build does not know (a newer server's, before the phone reloads): only the till can tell its saving then.
 */
export function deductionFor(rule: CouponRule, amountMinor: number): number | null {
	assertMinor(amountMinor);
	if (amountMinor < 0) throw new Error(`amount must not be negative: ${amountMinor}`);
	let off: number;
	switch (rule.kind) {
		case 'fixed':
			off = rule.off;
			break;
		case 'percent': {
			// amount <= 1e8 and percent <= 100: the product stays far below 2^53, and floor rounds down.
			const raw = Math.floor((amountMinor * rule.percent) / 100);
			off = rule.cap === null ? raw : Math.min(raw, rule.cap);
			break;
		}
		case 'threshold':
			off = amountMinor >= rule.minimum ? rule.off : 0;
			break;
		default: {
			// The compiler still names a known kind left out; at run time a kind from a newer server ends here.
			const _exhaustive: never = rule;
			return null;
		}
	}
	return Math.min(off, amountMinor);
}

/**
 * What the customer is charged for `amountMinor` with this coupon, or null when the coupon would not apply
 * (below its minimum spend, or a saving that rounds to nothing: the server refuses the coupon then) or when its
 * rule is of a kind this build does not know (the till tells: a new code).
 */
export function chargeWithCoupon(coupon: Pick<Coupon, 'rule' | 'minimumSpend'>, amountMinor: number): number | null {
	assertMinor(amountMinor);
	if (amountMinor < leastOrder(coupon.minimumSpend?.amount ?? null, coupon.rule)) return null;
	const deduction = deductionFor(coupon.rule, amountMinor);
	if (deduction === null || deduction === 0) return null;
	const charged = amountMinor - deduction;
	assertMinor(charged);
	return charged;
}
