/**
 * Where a campaign stands, from its dates, stock and budget, and the conditions a customer must meet. Pure,
 * so the campaign list, its Figures page, its poster and the grant form say the same thing about it.
 */
import type { CouponRule, Money } from '$lib/api/types';
import { hasOwnMinimum, leastOrder, ruleMinimum, smallestSaving } from '$lib/customer/coupon-rules';

export type CampaignStatus = 'notStarted' | 'running' | 'ended' | 'soldOut' | 'budgetUsedUp';

export interface CampaignLimits {
	rule: CouponRule;
	validFrom: string;
	validUntil: string;
	stock: number | null;
	issued: number;
	budget: Money | null;
	spent: Money;
}

/**
 * The smallest saving one use can give: a fixed or threshold coupon takes its whole `off` (smallestSaving); a percent
 * coupon, or one of a kind this build does not know, can take as little as a fen. The API declines a use whose saving
 * would pass the budget (BUDGET_EXHAUSTED).
 */
function smallestSavingMinor(rule: CouponRule): number {
	return smallestSaving(rule) ?? 1;
}

/** The budget left, in minor units; null when the campaign has no budget. */
export function budgetLeftMinor(c: Pick<CampaignLimits, 'budget' | 'spent'>): number | null {
	return c.budget === null ? null : c.budget.amount - c.spent.amount;
}

/**
 * The one status a manager needs first. Ended wins (nothing more can happen); then what stops new coupons
 * (sold out) or their use (budget used up), which a campaign not yet started can already be; then whether
 * it has started.
 */
export function campaignStatus(c: CampaignLimits, nowMs: number): CampaignStatus {
	if (Date.parse(c.validUntil) <= nowMs) return 'ended';
	if (c.stock !== null && c.issued >= c.stock) return 'soldOut';
	const left = budgetLeftMinor(c);
	if (left !== null && left < smallestSavingMinor(c.rule)) return 'budgetUsedUp';
	if (Date.parse(c.validFrom) > nowMs) return 'notStarted';
	return 'running';
}

/**
 * Whether a manager may give out another coupon: not once the campaign has ended (the coupon would be dead on
 * arrival) or has given out its whole stock (the API answers OUT_OF_STOCK). A used-up budget may come back
 * with a refund, so such a campaign is still offered.
 */
export function canGrant(status: CampaignStatus): boolean {
	return status !== 'ended' && status !== 'soldOut';
}

/**
 * The smallest order a coupon of the campaign is used on (leastOrder), worth telling a customer: its minimum spend,
 * unless a threshold rule already names as much ("¥10 off orders of ¥50 or more" needs no "orders of ¥20 or more").
 * The least order passes the rule's own minimum only when the minimum spend does, and is then the minimum spend.
 */
export function minimumSpendToShow(c: { rule: CouponRule; minimumSpend: Money | null }): Money | null {
	if (!c.minimumSpend) return null;
	return leastOrder(c.minimumSpend.amount, c.rule) > ruleMinimum(c.rule) ? c.minimumSpend : null;
}

/**
 * A threshold campaign whose minimum spend is above the threshold's own minimum, saved before the API refused that
 * (api/coupons/rules.ts MINIMUM_SPEND_OVER_THRESHOLD): its saving reads "orders of ¥50 or more" while verification
 * asks for the larger of the two (api/coupons/verify.ts), so an order between them is declined. Null for any other
 * campaign. Its coupons are still used on orders of the minimum spend or more, and say so (minimumToTell).
 */
export function minimumSpendOverThreshold(c: { rule: CouponRule; minimumSpend: Money | null }): { threshold: Money; spend: Money } | null {
	if (!hasOwnMinimum(c.rule.kind) || !c.minimumSpend) return null;
	const own = ruleMinimum(c.rule);
	if (c.minimumSpend.amount <= own) return null;
	return { threshold: { amount: own, currency: c.minimumSpend.currency }, spend: c.minimumSpend };
}
