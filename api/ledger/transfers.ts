import type { Selectable } from 'kysely';
import type { TransferTable } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { newId } from '../ids.js';
import { firstRow, prepared, preparedRows } from '../db/prepared.js';
import { changeBalance, lockAccount } from './accounts.js';
import type { DeferredCredits } from './deferred.js';

/**
 * Double-entry transfers. The ledger knows nothing of coupons or payments beyond an optional link: a transfer
 * moves a positive amount from one account (debit) to another (credit), in one currency, and is never changed
 * afterwards; corrections are new transfers (refunds link back to their payment).
 */
export interface TransferIntent {
  debit: string;
  credit: string;
  amount: number;
  kind: TransferTable['kind'];
  paymentId?: string | null;
  refundId?: string | null;
}

/** `short`: on a refusal, how far below its floor the refused account would have gone, in minor units. */
export type PostResult = { ok: true; transferIds: string[] } | { ok: false; reason: 'INSUFFICIENT_FUNDS'; accountId: string; short: number };

export type TransferRow = Selectable<TransferTable>;
export const TRANSFER_COLUMNS: Record<keyof TransferRow, true> = {
  id: true, debit_account_id: true, credit_account_id: true, amount: true, currency: true, kind: true, payment_id: true, refund_id: true, created_at: true,
};
/** A payment writes one or two transfers, a refund up to two: those inserts are prepared, one per row count. */
const INSERT_PREPARED_MAX = 4;
const insertTransfers = preparedRows<TransferRow>(INSERT_PREPARED_MAX, TRANSFER_COLUMNS, (db, rows) => insertQuery(db, rows));
const insertQuery = (db: Executor, rows: TransferRow[]) => db.insertInto('transfers').values(rows);

/** The most transfers one call may post; a payment writes two, a batch of settlements at most a few hundred. */
export const TRANSFERS_PER_CALL_MAX = 2_000;

/**
 * A balance change that checks what the ledger promises in the statement that writes it: the account holds this
 * currency and stays at or above its floor. It answers the new balance, or no row when it refused.
 */
const applyChange = prepared<{ id: string; change: number; currency: string }>()((db, p) =>
  db
    .updateTable('accounts')
    .set((eb) => ({ balance: eb('balance', '+', p('change')) }))
    .where('id', '=', p('id'))
    .where('currency', '=', p('currency'))
    .where((eb) => eb.or([eb('min_balance', 'is', null), eb(eb('balance', '+', p('change')), '>=', eb.ref('min_balance'))]))
    .returning('balance'),
);

/**
 * Posts transfers atomically inside the caller's transaction. Each account's net change is written in account-id
 * order (PostgreSQL's row locks are taken in that fixed order, so two transactions touching the same accounts
 * queue instead of deadlocking), by one statement that also checks currency and floor; `last`, a shop's balance,
 * is written after the others, where a sale writes it (its credit waits for the end of its group: deferred.ts),
 * so that a refund and a sale at that shop do not each hold an account the other waits for. A floor that refuses
 * (`INSUFFICIENT_FUNDS`) makes this call undo what it already wrote, so a refusal leaves nothing behind and the
 * caller may go on in the same transaction; anything else wrong throws, and the caller's transaction rolls back.
 * One statement per account rather than a locking read and then a write: one round trip fewer per payment.
 */
export async function postTransfers(
  db: Executor,
  currency: string,
  intents: readonly TransferIntent[],
  now: number,
  deferred?: DeferredCredits,
  last?: string,
): Promise<PostResult> {
  if (intents.length === 0) return { ok: true, transferIds: [] };
  if (intents.length > TRANSFERS_PER_CALL_MAX) throw new Error(`too many transfers in one call: ${intents.length}`);
  const delta = new Map<string, number>();
  for (const t of intents) {
    if (!Number.isSafeInteger(t.amount) || t.amount <= 0) throw new Error(`transfer amount must be a positive integer: ${t.amount}`);
    if (t.debit === t.credit) throw new Error('a transfer needs two different accounts');
    delta.set(t.debit, (delta.get(t.debit) ?? 0) - t.amount);
    delta.set(t.credit, (delta.get(t.credit) ?? 0) + t.amount);
  }
  // Net credits to accounts the caller defers (a merchant's hot balance) are neither locked nor written here.
  const later = [...delta.entries()].filter(([id, change]) => change > 0 && deferred?.defers(id));
  for (const [id] of later) delta.delete(id);
  const applied: [string, number][] = [];
  const order = [...delta.keys()].sort();
  if (last !== undefined && order.includes(last)) order.push(...order.splice(order.indexOf(last), 1));
  for (const id of order) {
    const change = delta.get(id)!;
    const written = change === 0 ? undefined : await firstRow(applyChange(db, { id, change, currency }));
    if (written) {
      if (!Number.isSafeInteger(written.balance)) throw new Error('balance left the safe integer range');
      applied.push([id, change]);
      continue;
    }
    // Refused, or nothing to write: find out why, from the account itself (locked on PostgreSQL).
    const account = await lockAccount(db, id);
    if (!account) throw new Error('transfer names an account that does not exist');
    if (account.currency !== currency) throw new Error(`account ${account.id} holds ${account.currency}, not ${currency}`);
    if (change === 0) continue;
    if (account.min_balance === null || account.balance + change >= account.min_balance) {
      // Another transaction's credit committed between the two statements (PostgreSQL); the row is locked
      // now, so the change goes through this time.
      const again = await firstRow(applyChange(db, { id, change, currency }));
      if (!again) throw new Error(`balance change on ${id} refused with the row locked`);
      applied.push([id, change]);
      continue;
    }
    for (const [doneId, doneChange] of applied.reverse()) await changeBalance(db, { id: doneId, change: -doneChange });
    return { ok: false, reason: 'INSUFFICIENT_FUNDS', accountId: account.id, short: account.min_balance - (account.balance + change) };
  }
  for (const [id, change] of later) deferred!.add(id, change);
  const rows = intents.map((t) => ({
    id: newId('trf', now),
    debit_account_id: t.debit,
    credit_account_id: t.credit,
    amount: t.amount,
    currency,
    kind: t.kind,
    payment_id: t.paymentId ?? null,
    refund_id: t.refundId ?? null,
    created_at: now,
  }));
  if (rows.length <= INSERT_PREPARED_MAX) await insertTransfers(db, rows);
  else await insertQuery(db, rows).execute();
  return { ok: true, transferIds: rows.map((r) => r.id) };
}
