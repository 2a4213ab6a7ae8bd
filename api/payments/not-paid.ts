import type { AppDeps } from '../context.js';
import type { Tx } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import { declinedToEnd } from './cash.js';

/**
 * The longest note a cashier can leave on a sale not paid: as a cash note's (cash.ts), a line on the report. Optional:
 * at a busy counter "the customer left" is said by the button, and a note is for what more there is to say.
 */
export const NOT_PAID_NOTE_MAX = 200;

/**
 * A declined payment (taken offline and declined when the tablet synced, most often) whose customer left without
 * paying: the cashier takes it off the counter's list saying so. Nothing moves in the ledger and no cash is counted;
 * what is recorded is that the shop wrote the sale off as unpaid, by whom and when, so the day, X and Z reports count
 * it apart from the cash in the till. Before this the only way to clear the list was a false "Paid in cash", which
 * put in the till's figures cash that was not in the drawer.
 *
 * Once per payment, only for a declined one, and never for one noted as paid in cash (and a cash note is refused
 * for one written off, cash.ts): a sale is either paid in cash or not paid, not both. Any cashier of the shop may
 * record it, as any cashier may note cash: the cashier at the counter is the one who saw the customer go, and the
 * record names them for the owner to ask.
 */
export async function recordNotPaid(trx: Tx, deps: AppDeps, input: { paymentId: string; merchantId: string; cashierId: string; note: string }) {
  const now = deps.clock.now();
  const payment = await declinedToEnd(trx, deps, input, 'not paid');
  const row = {
    id: newId('unpaid', now),
    payment_id: payment.id,
    merchant_id: payment.merchant_id,
    cashier_id: input.cashierId,
    amount: payment.amount,
    note: input.note,
    created_at: now,
    z_number: null,
  };
  await trx.insertInto('not_paid_declines').values(row).execute();
  return row;
}

/**
 * A manager takes back a sale's "not paid": the customer came back and paid, or the cashier tapped the wrong button.
 * Without it the sale could not be noted as paid in cash (refused NOTED_NOT_PAID) and the till would be over by its
 * amount. The note leaves not_paid_declines, so the reports (which count that table) leave it out and the sale is
 * again a declined one to end either way, and is kept whole in not_paid_taken_back with who took it back and when:
 * an owner asking why a sale was written off and then reinstated, or paid in cash after, reads both on its detail
 * and in the Day report's file. Only while the note is in no Z report yet: a closed Z report is kept as it was
 * printed, and taking back a note it counts would make the open period's figures disagree with it. A manager's, not
 * any cashier's: a cashier could otherwise clear a write-off that the owner would ask them about.
 */
export async function takeBackNotPaid(trx: Tx, deps: AppDeps, input: { paymentId: string; merchantId: string; managerId: string }) {
  const now = deps.clock.now();
  // Locked as declinedToEnd locks it, so a cash note sent at the same moment waits and then sees the note gone.
  let q = trx.selectFrom('payments').select(['id', 'merchant_id']).where('id', '=', input.paymentId);
  if (deps.db.dialect === 'postgres') q = q.forUpdate();
  const payment = await q.executeTakeFirst();
  if (!payment || payment.merchant_id !== input.merchantId) throw notFound('payment');
  const note = await trx.selectFrom('not_paid_declines').selectAll().where('payment_id', '=', payment.id).executeTakeFirst();
  if (!note) throw new ApiError(404, 'NOT_FOUND', 'This payment is not noted as not paid.');
  if (note.z_number !== null) throw closedError(note.z_number);
  // Still open: a Z report closed since the read above keeps it, and the refusal is the same as above (the insert
  // below is then rolled back with the transaction).
  const deleted = await trx.deleteFrom('not_paid_declines').where('id', '=', note.id).where('z_number', 'is', null).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) throw closedError(null);
  await trx
    .insertInto('not_paid_taken_back')
    .values({
      id: note.id,
      payment_id: note.payment_id,
      merchant_id: note.merchant_id,
      cashier_id: note.cashier_id,
      amount: Number(note.amount),
      note: note.note,
      created_at: Number(note.created_at),
      // Never before the note (the table checks it): a clock stepped back between the two keeps the order.
      taken_back_at: Math.max(now, Number(note.created_at)),
      taken_back_by: input.managerId,
    })
    .execute();
}

const closedError = (zNumber: number | null) =>
  new ApiError(
    409,
    'NOT_PAID_CLOSED',
    `This "not paid" is counted in ${zNumber === null ? 'a closed Z report' : `Z report ${zNumber}`} and can no longer be taken back.`,
  );
