import { verifyCoupon, type CouponFacts } from '../coupons/verify.js';
import { platformAccountId } from '../ledger/system-accounts.js';
import type { TransferIntent } from '../ledger/transfers.js';
import { judgeScan, type CodeTimes } from './scan-time.js';
import { charge, refundSplit, type Funding } from './split.js';
import { assertPaymentTransition, type DeclineDetail, type DeclineReason, type PaymentStatus } from './states.js';

/**
 * What the payment service decides for one payment, from facts already read. Pure, and asked by both ways a
 * payment is settled: settle.ts (one payment, statement by statement, the reference) and group-plan.ts (a group
 * decided in memory from facts read once), so the two cannot disagree on a rule. What differs between them is
 * only how the facts are read and where the balances' floors are checked (the database's, or the group's running
 * balances); floorRefusal says what a refused debit means for both.
 *
 * The order of the checks is DESIGN.md's: the offline window, the code at the time of its scan (scan-time.ts),
 * then the coupon (coupon service: verifyCoupon, which gives the deduction D), then the charge A − D.
 */

/** A declined payment's reason; `withCampaign`: the coupon's campaign and funding are recorded on the payment. */
export type Decline = { ok: false; reason: DeclineReason; detail: DeclineDetail | null; withCampaign: boolean };

export const declined = (reason: DeclineReason, detail: DeclineDetail | null = null, withCampaign = false): Decline => ({
  ok: false,
  reason,
  detail,
  withCampaign,
});

/** A scan older than the offline window is declined whatever its code; settle.ts asks this before the code is known. */
export function pastOfflineWindow(scannedAt: number, now: number, offlineWindowMs: number): boolean {
  return now - scannedAt > offlineWindowMs;
}

/** Whether the code pays for this scan, and `at`, the instant its coupon is judged at. `codeUsedHere`: see judgeScan. */
export function judgeTiming(
  code: CodeTimes,
  sale: { scannedAt: number; now: number; amount: number; codeUsedHere: boolean },
  limits: { offlineWindowMs: number; offlinePaymentMax: number },
): { ok: true; at: number } | Decline {
  if (pastOfflineWindow(sale.scannedAt, sale.now, limits.offlineWindowMs)) return declined('OFFLINE_WINDOW_PASSED');
  const scan = judgeScan(code, sale.scannedAt, sale.now, sale.amount, limits.offlinePaymentMax, sale.codeUsedHere);
  return scan.ok ? scan : declined(scan.reason, scan.detail);
}

/** A debit of the payment: the customer's wallet pays C, the platform's budget pays D when it funds the coupon. */
export interface Debit {
  account: string;
  amount: number;
  kind: 'payment' | 'subsidy';
}

/** An order the rules let through: the charge, who funds the coupon's deduction, and the ledger's debits. */
export type OrderApproval = { ok: true; money: ReturnType<typeof charge>; funding: Funding | null; debits: Debit[] };
export type OrderDecision = Decline | OrderApproval;

/**
 * The order, once the scan is good: `coupon` is undefined when the code carries none, null when the code's coupon
 * is gone. The debits all credit the merchant's account; settlement = C, plus D when the platform funds the coupon.
 */
export function judgeOrder(
  order: { payer: { customerId: string; accountId: string }; merchantId: string; amount: number; currency: string; at: number; now: number },
  coupon: (CouponFacts & { funding: Funding }) | null | undefined,
): OrderDecision {
  let deduction = 0;
  if (coupon === null) return declined('COUPON_NOT_APPLICABLE', 'NOT_AVAILABLE');
  if (coupon) {
    const confirmation = verifyCoupon(coupon, { payerId: order.payer.customerId, merchantId: order.merchantId, amount: order.amount, at: order.at, now: order.now });
    if (!confirmation.ok) return declined('COUPON_NOT_APPLICABLE', confirmation.detail, true);
    deduction = confirmation.deduction;
  }
  const funding = coupon?.funding ?? null;
  const money = charge(order.amount, deduction, funding);
  // A refund gives these debits back in part (refundTransfers, below): a new kind of debit does not compile until
  // it is given its reversal there (the ledger's invariants would not notice one left out: the money would just stay).
  const debits: Debit[] = [];
  if (money.charged > 0) debits.push({ account: order.payer.accountId, amount: money.charged, kind: 'payment' });
  if (funding === 'platform' && money.deduction > 0) debits.push({ account: platformAccountId(order.currency), amount: money.deduction, kind: 'subsidy' });
  return { ok: true, money, funding, debits };
}

/**
 * A debit refused at its account's floor: the customer's wallet is short, or the platform's marketing budget ran
 * dry, so the coupon cannot be honoured (the customer may pay without it).
 */
export function floorRefusal(refusedAccount: string, payerAccount: string): Decline {
  return refusedAccount === payerAccount ? declined('INSUFFICIENT_FUNDS') : declined('COUPON_NOT_APPLICABLE', 'BUDGET_EXHAUSTED', true);
}

/**
 * A refund's transfers (DESIGN.md "Ledger": refunds are new transfers in the reverse direction, linked to the
 * payment): judgeOrder's debits given back in part, from the shop that was credited with them to the accounts that
 * paid them: the cash to the payer's wallet, the subsidy to the platform's budget (split.ts refundSplit gives the
 * two parts). A part of nothing moves nothing. Pure: refund.ts posts what this says through the ledger.
 */
export function refundTransfers(refund: {
  paymentId: string;
  refundId: string;
  currency: string;
  merchantAccountId: string;
  payerAccountId: string;
  cash: number;
  subsidy: number;
}): TransferIntent[] {
  // One entry per kind of debit, each with the transfer kind that reverses it: the type refuses a kind left out.
  const back: Record<Debit['kind'], { account: string; amount: number; kind: TransferIntent['kind'] }> = {
    payment: { account: refund.payerAccountId, amount: refund.cash, kind: 'refund' },
    subsidy: { account: platformAccountId(refund.currency), amount: refund.subsidy, kind: 'refund_subsidy' },
  };
  return Object.values(back)
    .filter((part) => part.amount > 0)
    .map((part) => ({ debit: refund.merchantAccountId, credit: part.account, amount: part.amount, kind: part.kind, paymentId: refund.paymentId, refundId: refund.refundId }));
}

/**
 * Why a refund is refused, as the API answers it ({ error: { code, message, field? } } with `status`). Each is
 * about the request or the payment as read; none has written anything. (INSUFFICIENT_FUNDS, the shop's balance
 * short of the refund, is not here: the ledger finds it when it posts, refund.ts.)
 */
export type RefundRefusal = {
  ok: false;
  status: 404 | 409 | 422;
  code: 'NOT_FOUND' | 'CURRENCY_MISMATCH' | 'NOT_REFUNDABLE' | 'AMOUNT_OUT_OF_RANGE' | 'REFUND_EXCEEDS_PAYMENT';
  message: string;
  field?: string;
};

/**
 * A refund the rules let through, for refund.ts to write: `part` of the payment given back, split into the cash to
 * the payer and the subsidy to the platform; the payment's totals and status after it; and the coupon to give
 * back when this refund completes the payment's (returnCoupon still checks its validity: a coupon past it stays used).
 */
export type RefundPlan = {
  ok: true;
  part: number;
  cash: number;
  subsidy: number;
  refunded: number;
  refundedCash: number;
  refundedSubsidy: number;
  status: Extract<PaymentStatus, 'refunded' | 'partially_refunded'>;
  couponToReturn: { couponId: string; campaignId: string; deduction: number } | null;
};

/** The payment's stored facts a refund is judged on (a payments row has them all). */
export interface RefundablePayment {
  merchant_id: string;
  currency: string;
  status: PaymentStatus;
  amount: number;
  charged: number;
  deduction: number;
  funding: Funding | null;
  refunded: number;
  refunded_cash: number;
  refunded_subsidy: number;
  coupon_id: string | null;
  campaign_id: string | null;
}

const refused = (status: RefundRefusal['status'], code: RefundRefusal['code'], message: string, field?: string): RefundRefusal =>
  field === undefined ? { ok: false, status, code, message } : { ok: false, status, code, message, field };

/**
 * A refund's checks and its arithmetic, pure: `payment` as read (undefined when there is none), and what the cashier
 * of `merchantId` asked, `amount` null for all that is left, `currency` null when not said. The checks run in the
 * order the API has always answered them: whose payment, the currency, whether it took money, then the amount.
 */
export function decideRefund(
  payment: RefundablePayment | undefined,
  request: { merchantId: string; amount: number | null; currency: string | null },
): RefundRefusal | RefundPlan {
  // Another shop's payment is refused as a missing one: ids are not a way to learn about other shops.
  if (!payment || payment.merchant_id !== request.merchantId) return refused(404, 'NOT_FOUND', 'No such payment.');
  if (request.currency !== null && request.currency !== payment.currency) {
    return refused(422, 'CURRENCY_MISMATCH', `This payment is in ${payment.currency}.`, 'amount.currency');
  }
  if (payment.status === 'declined') return refused(409, 'NOT_REFUNDABLE', 'A declined payment took no money; there is nothing to refund.');
  const left = payment.amount - payment.refunded;
  const part = request.amount ?? left;
  // A refund of nothing or less is a malformed request, not one that asks for too much: said so, whatever is left.
  if (part < 1 && request.amount !== null) return refused(422, 'AMOUNT_OUT_OF_RANGE', 'A refund is at least 1 minor unit.', 'amount.amount');
  if (part < 1 || part > left) {
    return refused(422, 'REFUND_EXCEEDS_PAYMENT', left === 0 ? 'This payment is already fully refunded.' : `At most ${left} minor units are left to refund.`, 'amount');
  }
  const { cash, subsidy } = refundSplit(
    {
      amount: payment.amount,
      charged: payment.charged,
      deduction: payment.deduction,
      funding: payment.funding,
      refunded: payment.refunded,
      refundedCash: payment.refunded_cash,
      refundedSubsidy: payment.refunded_subsidy,
    },
    part,
  );
  const refunded = payment.refunded + part;
  const status = refunded === payment.amount ? 'refunded' : 'partially_refunded';
  assertPaymentTransition(payment.status, status);
  // Only the refund that completes the payment's gives the coupon back: a partial one leaves it used.
  const couponToReturn =
    status === 'refunded' && payment.coupon_id && payment.campaign_id ? { couponId: payment.coupon_id, campaignId: payment.campaign_id, deduction: payment.deduction } : null;
  return {
    ok: true,
    part,
    cash,
    subsidy,
    refunded,
    refundedCash: payment.refunded_cash + cash,
    refundedSubsidy: payment.refunded_subsidy + subsidy,
    status,
    couponToReturn,
  };
}
