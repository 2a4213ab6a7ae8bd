import type { AccountRow } from '../db/schema.js';
import { firstRow, prepared } from '../db/prepared.js';
import type { Executor } from '../db/tx.js';
import { newId } from '../ids.js';

export type AccountKind = AccountRow['kind'];

/**
 * Floors per kind (DESIGN.md): wallets, merchants and the platform's marketing budget never go below zero; the
 * external funding source has no floor because its negative balance is exactly the money let into the system.
 */
export const FLOOR_BY_KIND: Record<AccountKind, number | null> = {
  customer: 0,
  merchant: 0,
  platform: 0,
  external: null,
};

export async function openAccount(
  db: Executor,
  input: { kind: AccountKind; ownerId: string | null; currency: string; id?: string; now: number },
): Promise<string> {
  const id = input.id ?? newId('acc', input.now);
  await db
    .insertInto('accounts')
    .values({
      id,
      kind: input.kind,
      owner_id: input.ownerId,
      currency: input.currency,
      min_balance: FLOOR_BY_KIND[input.kind],
      balance: 0,
      created_at: input.now,
    })
    .execute();
  return id;
}

export async function getBalance(db: Executor, accountId: string): Promise<number | undefined> {
  const row = await db.selectFrom('accounts').select('balance').where('id', '=', accountId).executeTakeFirst();
  return row?.balance;
}

/** One account, locked until commit on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds the whole database). */
const accountForUpdate = prepared<{ id: string }>()((db, p, dialect) => {
  const query = db.selectFrom('accounts').selectAll().where('id', '=', p('id'));
  return dialect === 'postgres' ? query.forUpdate() : query;
});

/**
 * Reads one account and, on PostgreSQL, locks it until commit; undefined when there is no such account. The
 * ledger writes balances without reading them first (transfers.ts); it reads one only to say why a change
 * was refused.
 */
export async function lockAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return firstRow(accountForUpdate(db, { id }));
}

/** Adds a signed change to an account's balance (the caller has checked its floor). */
export const changeBalance = prepared<{ id: string; change: number }>()((db, p) =>
  db
    .updateTable('accounts')
    .set((eb) => ({ balance: eb('balance', '+', p('change')) }))
    .where('id', '=', p('id')),
);
