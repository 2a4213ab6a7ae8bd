import type { AppDeps } from '../context.js';
import type { Tx } from '../db/tx.js';
import { returnCoupon } from '../coupons/store.js';
import { ApiError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import { postTransfers } from '../ledger/transfers.js';
import { refundTransfers } from './decide.js';
import { refundSplit } from './split.js';
import { assertPaymentTransition } from './states.js';

/**
 * A refund of part of a payment (DESIGN.md "Ledger"): new transfers in the reverse direction, linked to the
 * payment; the cash back and the platform's subsidy are pro rata and add up exactly over all refunds. A full
 * refund returns the coupon to the customer while it is still valid.
 */
export async function refundPayment(
  trx: Tx,
  deps: AppDeps,
  input: { paymentId: string; merchantId: string; cashierId: string; amount: number | null; currency: string | null },
) {
  const now = deps.clock.now();
  let q = trx.selectFrom('payments').selectAll().where('id', '=', input.paymentId);
  if (deps.db.dialect === 'postgres') q = q.forUpdate();
  const payment = await q.executeTakeFirst();
  if (!payment || payment.merchant_id !== input.merchantId) throw notFound('payment');
  if (input.currency !== null && input.currency !== payment.currency) {
    throw new ApiError(422, 'CURRENCY_MISMATCH', `This payment is in ${payment.currency}.`, 'amount.currency');
  }
  if (payment.status === 'declined') throw new ApiError(409, 'NOT_REFUNDABLE', 'A declined payment took no money; there is nothing to refund.');
  const left = payment.amount - payment.refunded;
  const part = input.amount ?? left;
  // A refund of nothing or less is a malformed request, not one that asks for too much: said so, whatever is left.
  if (part < 1 && input.amount !== null) {
    throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', 'A refund is at least 1 minor unit.', 'amount.amount');
  }
  if (part < 1 || part > left) {
    throw new ApiError(422, 'REFUND_EXCEEDS_PAYMENT', left === 0 ? 'This payment is already fully refunded.' : `At most ${left} minor units are left to refund.`, 'amount');
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
  const refundId = newId('ref', now);
  const refunded = payment.refunded + part;
  const status = refunded === payment.amount ? 'refunded' : 'partially_refunded';
  assertPaymentTransition(payment.status, status);
  // The coupon and its campaign before the ledger: the order a payment takes its locks in (code, coupon, campaign,
  // then the accounts). Taken after the accounts, a full refund and a sale with a coupon of the same budgeted
  // campaign each held what the other waited for, and PostgreSQL aborted one after its deadlock timeout (a second).
  // Should the shop's balance refuse the refund below, the transaction takes the coupon's return back with it.
  let couponReturned = false;
  if (status === 'refunded' && payment.coupon_id && payment.campaign_id) {
    couponReturned = await returnCoupon(trx, { couponId: payment.coupon_id, campaignId: payment.campaign_id, deduction: payment.deduction, now });
  }
  const merchant = await trx.selectFrom('merchants').select('account_id').where('id', '=', payment.merchant_id).executeTakeFirstOrThrow();
  const customer = await trx.selectFrom('customers').select('account_id').where('id', '=', payment.customer_id!).executeTakeFirstOrThrow();
  // The sale's debits given back in part (decide.ts refundTransfers); the shop's balance written last, as a sale
  // writes it (ledger/transfers.ts).
  const transfers = refundTransfers({
    paymentId: payment.id,
    refundId,
    currency: payment.currency,
    merchantAccountId: merchant.account_id,
    payerAccountId: customer.account_id,
    cash,
    subsidy,
  });
  const posted = await postTransfers(trx, payment.currency, transfers, now, undefined, merchant.account_id);
  if (!posted.ok) throw new ApiError(409, 'INSUFFICIENT_FUNDS', "The shop's balance does not cover this refund.");
  await trx
    .updateTable('payments')
    .set({ refunded, refunded_cash: payment.refunded_cash + cash, refunded_subsidy: payment.refunded_subsidy + subsidy, status })
    .where('id', '=', payment.id)
    .execute();
  // The customer and whether the coupon came back go on the refund itself: the wallet's history lists refunds
  // by customer, each on the day it happened, and says when a coupon returned with one.
  const refund = {
    id: refundId,
    payment_id: payment.id,
    cashier_id: input.cashierId,
    merchant_id: payment.merchant_id,
    customer_id: payment.customer_id,
    amount: part,
    cash,
    subsidy,
    coupon_returned: couponReturned ? 1 : 0,
    created_at: now,
    z_number: null,
  };
  await trx.insertInto('refunds').values(refund).execute();
  return { refund, currency: payment.currency, couponReturned };
}
