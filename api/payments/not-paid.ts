import type { AppDeps } from '../context.js';
import type { Tx } from '../db/tx.js';
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
