import type { DialectName } from '../db/connect.js';
import type { AccountRow } from '../db/schema.js';
import { prepared, preparedByCount } from '../db/prepared.js';
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

/** A payment touches two or three accounts (customer, platform, merchant); a refund as many. */
const LOCK_PREPARED_MAX = 4;

/** Accounts by id, in id order; locked until commit on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds the whole database). */
const accountsForUpdate = (dialect: DialectName) =>
  preparedByCount<Record<string, string>, ReturnType<typeof accountsQuery>>(LOCK_PREPARED_MAX, (count, db, p) => {
    const query = accountsQuery(db, Array.from({ length: count }, (_, i) => p(`id${i}`) as string));
    return dialect === 'postgres' ? query.forUpdate() : query;
  });
const accountsQuery = (db: Executor, ids: string[]) => db.selectFrom('accounts').selectAll().where('id', 'in', ids).orderBy('id');
const accountsForUpdateBy = { sqlite: accountsForUpdate('sqlite'), postgres: accountsForUpdate('postgres') };

/**
 * Reads and locks accounts in id order. PostgreSQL takes row locks (FOR UPDATE) in that fixed order so two
 * transactions touching the same accounts queue instead of deadlocking. An account that does not exist is
 * simply missing from the answer.
 */
export async function lockAccounts(db: Executor, dialect: DialectName, ids: readonly string[]): Promise<AccountRow[]> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return [];
  const preparedLock = accountsForUpdateBy[dialect](sorted.length);
  if (preparedLock) return (await preparedLock(db, Object.fromEntries(sorted.map((id, i) => [`id${i}`, id])))).rows;
  const query = accountsQuery(db, sorted);
  return (dialect === 'postgres' ? query.forUpdate() : query).execute();
}

/** Adds a signed change to an account's balance (the caller has checked its floor). */
export const changeBalance = prepared<{ id: string; change: number }>()((db, p) =>
  db
    .updateTable('accounts')
    .set((eb) => ({ balance: eb('balance', '+', p('change')) }))
    .where('id', '=', p('id')),
);
