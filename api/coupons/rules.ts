/**
 * Coupon rules and the deduction they give. Pure arithmetic on integer minor units: no I/O, no floats.
 * DESIGN.md: percent discounts round down to the minor unit; a deduction never exceeds the amount,
 * D = min(rule(A), A).
 *
 * A new kind of rule starts here: CouponRule, then each switch below (the compiler names the ones left). The whole
 * list of what else it touches is README's "A new kind of coupon rule" (one list, kept there). Elsewhere a rule's
 * facts are asked through these helpers (hasOwnMinimum, ruleMinimum, leastOrder, smallestSaving) or their front-end mirrors in
 * src/lib/customer/coupon-rules.ts, not by testing `rule.kind === 'threshold'`, which compiles with a new kind and goes
 * wrong quietly.
 */
export type CouponRule =
  | { kind: 'fixed'; off: number }
  | { kind: 'percent'; percent: number; cap: number | null }
  | { kind: 'threshold'; minimum: number; off: number };

/**
 * Whether a kind of rule carries its own minimum spend (a threshold's "orders of ¥50 or more"): the campaign's
 * separate minimum spend must then not pass it (MINIMUM_SPEND_OVER_THRESHOLD), and the manager's form asks for the
 * rule's minimum instead of one. A switch on the kind, not `kind === 'threshold'` where it is needed, so a new kind
 * must say (the compiler refuses one left out); the front end's mirror is src/lib/customer/coupon-rules.ts.
 */
export function hasOwnMinimum(kind: CouponRule['kind']): boolean {
  switch (kind) {
    case 'threshold':
      return true;
    case 'fixed':
    case 'percent':
      return false;
  }
}

/**
 * The least an order must reach for the rule to apply at all (threshold rules); 0 for the others. A switch, so a
 * new kind of rule must say here whether it has a minimum (the compiler refuses a kind left out). Positive exactly
 * when hasOwnMinimum(rule.kind) (tests/unit/customer/coupon-charge.test.ts).
 */
export function ruleMinimum(rule: CouponRule): number {
  switch (rule.kind) {
    case 'threshold':
      return rule.minimum;
    case 'fixed':
    case 'percent':
      return 0;
  }
}

/**
 * The least order a coupon applies to: its campaign's minimum spend or its rule's own minimum, whichever is higher.
 * What verify.ts judges an order by (BELOW_MINIMUM), and what a payment so declined tells (view.ts couponMinimum);
 * the phone and the manager's pages ask its mirror in src/lib/customer/coupon-rules.ts.
 */
export function leastOrder(minimumSpend: number | null, rule: CouponRule): number {
  return Math.max(minimumSpend ?? 0, ruleMinimum(rule));
}

/**
 * The deduction for an amount, before any budget check: 0 below a threshold rule's own minimum (the order's minimum
 * spend is judged apart, verify.ts BELOW_MINIMUM), and never more than the amount.
 */
export function deductionFor(rule: CouponRule, amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new Error(`amount must be a non-negative integer: ${amountMinor}`);
  let off: number;
  switch (rule.kind) {
    case 'fixed':
      off = rule.off;
      break;
    case 'percent': {
      // amount <= 1e8 and percent <= 100, so the product stays far below 2^53; floor rounds down.
      const raw = Math.floor((amountMinor * rule.percent) / 100);
      off = rule.cap === null ? raw : Math.min(raw, rule.cap);
      break;
    }
    case 'threshold':
      off = amountMinor >= rule.minimum ? rule.off : 0;
      break;
  }
  return Math.min(off, amountMinor);
}

/**
 * The saving one use gives at the smallest order the rule applies to (its own minimum, or any order), when that is
 * a set amount: a fixed saving, a threshold's `off`. Null when it depends on the order (a percent, which can save as
 * little as one minor unit). ruleProblem holds it to the least order (SAVING_OVER_MINIMUM) and to the budget
 * (BUDGET_BELOW_SAVING: a budget below the smallest saving could pay no use at all); the manager's pages ask the same
 * of their mirror (src/lib/customer/coupon-rules.ts). A switch: a new kind must say.
 */
export function smallestSaving(rule: CouponRule): number | null {
  switch (rule.kind) {
    case 'fixed':
    case 'threshold':
      return rule.off;
    case 'percent':
      return null;
  }
}

/** Why a campaign's rule cannot stand with its minimum spend and budget, for the API to refuse it; null when it can. */
export interface RuleProblem {
  code: 'MINIMUM_SPEND_OVER_THRESHOLD' | 'SAVING_OVER_MINIMUM' | 'BUDGET_BELOW_SAVING';
  message: string;
  field: string;
}

/**
 * The checks the campaign form makes, made again by the API so that a rule only a form refuses cannot be created
 * by a script: a threshold with a minimum spend above its own minimum (the form has no minimum spend field for a
 * threshold), a fixed saving above the order it needs ("¥50 off orders of ¥1 or more": every order from ¥1 to ¥50
 * pays nothing, at the shop's cost), and a fixed saving no budget left could ever pay (every use declined).
 * A saving equal to the minimum is allowed, as for a threshold. Amounts in minor units; null when not set.
 */
export function ruleProblem(rule: CouponRule, minimumSpend: number | null, budget: number | null): RuleProblem | null {
  const saving = smallestSaving(rule);
  // A minimum spend of 0 is none.
  const spend = minimumSpend !== null && minimumSpend > 0 ? minimumSpend : null;
  // "¥10 off orders of ¥50 or more" with a minimum spend of ¥80: the poster promises the saving from ¥50 and a ¥60
  // order is declined. Judged first, as the contradiction it is whatever the saving. A minimum spend equal to or
  // below the threshold is left as sent: verification asks for the larger of the two (verify.ts), so it declines
  // no order the rule promises, and the manager's pages do not show it (campaign-status.ts minimumSpendToShow).
  if (hasOwnMinimum(rule.kind) && spend !== null && spend > ruleMinimum(rule)) {
    return {
      code: 'MINIMUM_SPEND_OVER_THRESHOLD',
      message: "The minimum spend is above the threshold's own minimum: orders between the two would be promised the saving and declined. Leave minimumSpend out; the threshold is the campaign's minimum.",
      field: 'minimumSpend.amount',
    };
  }
  const least = Math.max(ruleMinimum(rule), spend ?? 0);
  if (saving !== null && (least > 0 || spend !== null) && saving > least) {
    return { code: 'SAVING_OVER_MINIMUM', message: 'The saving is larger than the least order it applies to: that order and smaller ones would pay nothing.', field: 'rule.off' };
  }
  if (saving !== null && budget !== null && budget < saving) {
    return { code: 'BUDGET_BELOW_SAVING', message: 'The budget is smaller than one saving: every use would be declined.', field: 'budget.amount' };
  }
  return null;
}
