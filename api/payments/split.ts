/**
 * The money of a payment and of its refunds. Pure arithmetic on integer minor units.
 * - charge: C = A - D, never below zero; settlement = C, plus D when the platform funds the coupon (the amount the
 *   shop receives: the payments.settlement column; DESIGN.md "Payments" tells the three uses of "settle" apart).
 * - refund of a part r of A: the cash back is pro rata C, rounded down on the running total, so the refunds of
 *   a payment always add up to exactly C once all of A is refunded. When the platform funded the coupon, the shop
 *   was settled all of A (C from the wallet, D from the platform), so a refund of r takes exactly r from the shop:
 *   what is not cash goes back to the platform. Its subsidy, r minus the cash, is then D pro rata rounded UP on the
 *   running total, and adds up to exactly D. Rounding the subsidy down as well would leave each such refund up to
 *   1 fen short of r, kept by the shop until the last refund.
 */
export type Funding = 'merchant' | 'platform';

export function charge(amount: number, deduction: number, funding: Funding | null) {
  const d = Math.min(Math.max(deduction, 0), amount);
  const charged = amount - d;
  return { deduction: d, charged, settlement: funding === 'platform' ? charged + d : charged };
}

export interface RefundBasis {
  amount: number;
  charged: number;
  deduction: number;
  funding: Funding | null;
  refunded: number;
  refundedCash: number;
  refundedSubsidy: number;
}

/** floor(x * y / z) exactly, through BigInt: x * y can pass 2^53 (1e8 * 1e8). */
function mulDivFloor(x: number, y: number, z: number): number {
  return Number((BigInt(x) * BigInt(y)) / BigInt(z));
}

export function refundSplit(basis: RefundBasis, part: number): { cash: number; subsidy: number } {
  if (!Number.isSafeInteger(part) || part <= 0) throw new Error(`refund must be a positive integer: ${part}`);
  const after = basis.refunded + part;
  if (after > basis.amount) throw new Error('refund exceeds the payment');
  const cashAfter = mulDivFloor(after, basis.charged, basis.amount);
  const cash = cashAfter - basis.refundedCash;
  // after - cashAfter never falls as `after` grows (C <= A), so a refund's subsidy is never negative, also after
  // stored refunds whose subsidy was rounded down (a database can hold some from before it was rounded up): the
  // next refund makes up their fen.
  const subsidy = basis.funding === 'platform' ? after - cashAfter - basis.refundedSubsidy : 0;
  return { cash, subsidy };
}
