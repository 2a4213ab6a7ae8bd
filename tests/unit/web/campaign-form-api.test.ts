/**
 * The campaign form's own checks against the API's (api/coupons/rules.ts ruleProblem): the form says in the manager's
 * words what the API would refuse in a developer's, so the two must agree. Whatever the form sends, the API takes;
 * whatever the API refuses, the form refuses first. A check added to ruleProblem and not to the form fails here (it
 * would reach the manager as a generic refusal).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleProblem, type CouponRule } from '../../../api/coupons/rules.js';
import { emptyForm, toCampaign, type CampaignForm } from '../../../src/routes/cashier/manage/campaign-form';
import { ruleArb } from '../../support/coupon-rule-arbs';

const NOW = new Date('2026-06-01T12:00:00Z');
const SHOP = 'Asia/Shanghai';
/** Minor units as the manager types them ("12.50"). */
const typed = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
/** Amounts around a rule's own, so that a saving above the minimum, or a budget below a saving, come up often. */
const nearArb = fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 100_000_000 }));

/** The form a manager fills in for this rule, with a minimum spend and a budget typed or left empty. */
function formFor(rule: CouponRule, minimumSpend: number | null, budget: number | null): CampaignForm {
	const form: CampaignForm = { ...emptyForm(NOW, SHOP), title: 'Property', kind: rule.kind };
	switch (rule.kind) {
		case 'fixed':
			form.off = typed(rule.off);
			break;
		case 'percent':
			form.percent = String(rule.percent);
			form.cap = rule.cap === null ? '' : typed(rule.cap);
			break;
		case 'threshold':
			form.minimum = typed(rule.minimum);
			form.off = typed(rule.off);
			break;
	}
	form.minimumSpend = minimumSpend === null ? '' : typed(minimumSpend);
	form.budget = budget === null ? '' : typed(budget);
	return form;
}

describe('the campaign form and the API judge a rule alike', () => {
	it('the form sends only what ruleProblem accepts, and refuses what it refuses', () => {
		fc.assert(
			fc.property(ruleArb, fc.option(nearArb, { nil: null }), fc.option(nearArb, { nil: null }), (rule, minimumSpend, budget) => {
				const { campaign, errors } = toCampaign(formFor(rule, minimumSpend, budget), 'CNY', SHOP, NOW);
				if (campaign) {
					expect(ruleProblem(campaign.rule, campaign.minimumSpend?.amount ?? null, campaign.budget?.amount ?? null)).toBeNull();
					expect(campaign.rule).toEqual(rule);
				} else {
					// Refused: for a reason the API has too, on the rule as the form would have sent it (a threshold's
					// own minimum stands in for the minimum spend, whose field the form hides then).
					const sentSpend = rule.kind === 'threshold' ? null : minimumSpend;
					expect(ruleProblem(rule, sentSpend, budget), JSON.stringify(errors)).not.toBeNull();
				}
			}),
			{ numRuns: 2_000 },
		);
	});
});
