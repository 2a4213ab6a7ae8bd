import { platformAccountId } from '../ledger/system-accounts.js';
import type { TransferIntent } from '../ledger/transfers.js';
import type { Debit } from './decide.js';
import { refundSplit, type Funding } from './split.js';
import { assertPaymentTransition, type PaymentStatus } from './states.js';

/**
 * What the payment service decides for a refund, from facts already read: whether it may be made and what it
 * writes (decideRefund), and the transfers that give a sale's debits back (refundTransfers). Pure: refund.ts reads
 * the payment, asks these and writes what they say. The arithmetic of the split is split.ts's.
 */

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
