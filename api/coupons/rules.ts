/**
 * Coupon rules and the deduction they give. Pure arithmetic on integer minor units: no I/O, no floats.
 * DESIGN.md: percent discounts round down to the minor unit; a deduction never exceeds the amount,
 * D = min(rule(A), A).
 */
export type CouponRule =
  | { kind: 'fixed'; off: number }
  | { kind: 'percent'; percent: number; cap: number | null }
  | { kind: 'threshold'; minimum: number; off: number };

/**
 * The least an order must reach for the rule to apply at all (threshold rules); 0 for the others. A switch, so a
 * new kind of rule must say here whether it has a minimum (the compiler refuses a kind left out).
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

/** The deduction for an amount, before any budget check. Assumes the amount meets the rule's minimum. */
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
