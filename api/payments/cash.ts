import type { AppDeps } from '../context.js';
import type { Tx } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';

/** The longest note a cashier can leave on a cash settlement: a line on the report, not a letter. */
export const CASH_NOTE_MAX = 200;

/**
 * A declined payment (at the counter, or when an offline tablet synced it) that the customer then paid in cash.
 * Nothing moves in the ledger (the cash is in the till, not in a wallet); what is recorded is that the till
 * holds the payment's amount for it, so that the shop's day report and Z report count that cash. Once per
 * payment, and only for a declined one: a succeeded payment was paid, and refunds are how it is undone.
 * Stored in `cash_settlements`; the API and the reports say "paid in cash". Not to be confused with settling a
 * payment (settle.ts) or a payment's `settlement`, the amount the shop receives (split.ts): DESIGN.md "Payments".
 */
export async function recordCashSettlement(trx: Tx, deps: AppDeps, input: { paymentId: string; merchantId: string; cashierId: string; note: string }) {
  const now = deps.clock.now();
  const payment = await declinedToEnd(trx, deps, input, 'paid in cash');
  const row = {
    id: newId('cash', now),
    payment_id: payment.id,
    merchant_id: payment.merchant_id,
    cashier_id: input.cashierId,
    amount: payment.amount,
    note: input.note,
    created_at: now,
    z_number: null,
  };
  await trx.insertInto('cash_settlements').values(row).execute();
  return row;
}

/**
 * The declined payment a cashier ends, as paid in cash (above) or as not paid (not-paid.ts), read and locked; refused
 * when it is not this shop's, took its money (not declined), or was already ended either way: a sale is paid in cash
 * or not paid, once, never both.
 */
export async function declinedToEnd(trx: Tx, deps: AppDeps, input: { paymentId: string; merchantId: string }, as: 'paid in cash' | 'not paid') {
  let q = trx.selectFrom('payments').select(['id', 'merchant_id', 'status', 'amount']).where('id', '=', input.paymentId);
  if (deps.db.dialect === 'postgres') q = q.forUpdate();
  const payment = await q.executeTakeFirst();
  if (!payment || payment.merchant_id !== input.merchantId) throw notFound('payment');
  if (payment.status !== 'declined') {
    throw new ApiError(409, 'NOT_DECLINED', `Only a declined payment can be noted as ${as}: this one took its money from the wallet.`);
  }
  const cash = await trx.selectFrom('cash_settlements').select('id').where('payment_id', '=', payment.id).executeTakeFirst();
  if (cash) throw new ApiError(409, 'ALREADY_PAID_IN_CASH', 'This payment is already noted as paid in cash.');
  const notPaid = await trx.selectFrom('not_paid_declines').select('id').where('payment_id', '=', payment.id).executeTakeFirst();
  if (notPaid) {
    throw as === 'not paid'
      ? new ApiError(409, 'ALREADY_NOT_PAID', 'This payment is already noted as not paid.')
      : new ApiError(409, 'NOTED_NOT_PAID', 'This payment is noted as not paid: the customer left without paying.');
  }
  return payment;
}
