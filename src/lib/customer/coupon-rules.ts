/**
 * A coupon rule's own facts, mirrored from api/coupons/rules.ts (the front end never imports api/;
 * tests/unit/customer/coupon-charge.test.ts holds each to the server's). Each is a switch on the kind, so a new kind
 * must say (the compiler refuses one left out), with a fallback for a kind this build does not know: the server may
 * be newer than a phone or tablet that has not reloaded yet (src/lib/pwa/register.ts waits for the user's tap).
 * A module of its own, small, so the manager's pages that ask it do not load the customer's coupon list code.
 */
import type { CouponRule } from '$lib/api/types';

/** Whether a kind of rule carries its own minimum spend (a threshold's), which the form asks for instead of one. */
export function hasOwnMinimum(kind: CouponRule['kind']): boolean {
	switch (kind) {
		case 'threshold':
			return true;
		case 'fixed':
		case 'percent':
			return false;
		default: {
			// Not known here: the campaign's own minimum spend is all this build can tell.
			const _exhaustive: never = kind;
			return false;
		}
	}
}

/**
 * The least an order must reach for the rule to apply (threshold rules), 0 for the others and for a kind not known
 * here (the campaign's minimum spend is then the one the phone tells, and the till declines what it must).
 */
export function ruleMinimum(rule: CouponRule): number {
	switch (rule.kind) {
		case 'threshold':
			return rule.minimum;
		case 'fixed':
		case 'percent':
			return 0;
		default: {
			const _exhaustive: never = rule;
			return 0;
		}
	}
}

/**
 * The least order a coupon applies to, in minor units: its campaign's minimum spend or its rule's own minimum,
 * whichever is higher; 0 when neither asks for one. The server declines an order below it (BELOW_MINIMUM, by
 * api/coupons/rules.ts leastOrder), so the phone's list, the claim page and the manager's pages tell it from here.
 */
export function leastOrder(minimumSpend: number | null, rule: CouponRule): number {
	return Math.max(minimumSpend ?? 0, ruleMinimum(rule));
}

/**
 * The saving at the smallest order the rule applies to, when it is a set amount (fixed, threshold); null when it
 * depends on the order (a percent, as little as one minor unit) or the kind is not known here. A budget below it can
 * pay no use: the campaign form refuses it (budgetBelowOff) and the campaign reads as used up (campaign-status.ts).
 */
export function smallestSaving(rule: CouponRule): number | null {
	switch (rule.kind) {
		case 'fixed':
		case 'threshold':
			return rule.off;
		case 'percent':
			return null;
		default: {
			const _exhaustive: never = rule;
			return null;
		}
	}
}
