import type { AppDeps } from '../context.js';
import type { Tx } from '../db/tx.js';
import { returnCoupon } from '../coupons/store.js';
import { ApiError } from '../http/errors.js';
import { newId } from '../ids.js';
import { postTransfers } from '../ledger/transfers.js';
import { decideRefund, refundTransfers } from './refund-rules.js';

/**
 * A refund of part of a payment (DESIGN.md "Ledger"): new transfers in the reverse direction, linked to the
 * payment; the cash back and the platform's subsidy are pro rata and add up exactly over all refunds. A full
 * refund returns the coupon to the customer while it is still valid. Reads, then decideRefund (refund-rules.ts: the
 * checks and the arithmetic, pure), then writes; this function only carries facts in and the plan out.
 */
export async function refundPayment(
  trx: Tx,
  deps: AppDeps,
  input: { paymentId: string; merchantId: string; cashierId: string; amount: number | null; currency: string | null },
) {
  const now = deps.clock.now();
  // Reads: the payment, locked on PostgreSQL so two refunds of it take turns (the second sees the first's totals).
  let q = trx.selectFrom('payments').selectAll().where('id', '=', input.paymentId);
  if (deps.db.dialect === 'postgres') q = q.forUpdate();
  const payment = await q.executeTakeFirst();
  // Decide (refund-rules.ts decideRefund, pure): a refusal, or what to write.
  const plan = decideRefund(payment, input);
  if (!plan.ok) throw new ApiError(plan.status, plan.code, plan.message, plan.field);
  // decideRefund refuses a missing payment: this tells the type checker so, and fails loudly should that change.
  if (!payment) throw new Error('a refund plan without its payment');
  // Writes.
  const refundId = newId('ref', now);
  // The coupon and its campaign before the ledger: the order a payment takes its locks in (code, coupon, campaign,
  // then the accounts). Taken after the accounts, a full refund and a sale with a coupon of the same budgeted
  // campaign each held what the other waited for, and PostgreSQL aborted one after its deadlock timeout (a second).
  // Should the shop's balance refuse the refund below, the transaction takes the coupon's return back with it.
  let couponReturned = false;
  if (plan.couponToReturn) couponReturned = await returnCoupon(trx, { ...plan.couponToReturn, now });
  const merchant = await trx.selectFrom('merchants').select('account_id').where('id', '=', payment.merchant_id).executeTakeFirstOrThrow();
  const customer = await trx.selectFrom('customers').select('account_id').where('id', '=', payment.customer_id!).executeTakeFirstOrThrow();
  // The sale's debits given back in part (refund-rules.ts refundTransfers); the shop's balance written last, as a sale
  // writes it (ledger/transfers.ts).
  const transfers = refundTransfers({
    paymentId: payment.id,
    refundId,
    currency: payment.currency,
    merchantAccountId: merchant.account_id,
    payerAccountId: customer.account_id,
    cash: plan.cash,
    subsidy: plan.subsidy,
  });
  const posted = await postTransfers(trx, payment.currency, transfers, now, undefined, merchant.account_id);
  if (!posted.ok) throw new ApiError(409, 'INSUFFICIENT_FUNDS', "The shop's balance does not cover this refund.");
  await trx
    .updateTable('payments')
    .set({ refunded: plan.refunded, refunded_cash: plan.refundedCash, refunded_subsidy: plan.refundedSubsidy, status: plan.status })
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
    amount: plan.part,
    cash: plan.cash,
    subsidy: plan.subsidy,
    coupon_returned: couponReturned ? 1 : 0,
    created_at: now,
    z_number: null,
  };
  await trx.insertInto('refunds').values(refund).execute();
  return { refund, currency: payment.currency, couponReturned };
}
