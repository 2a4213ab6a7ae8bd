import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../api/db/connect.js';
import { affectedRows, firstRow, insertRows, listBucket, listParams, pairParams, powerOfTwoChunks, prepared, preparedRows } from '../../api/db/prepared.js';
import { sql } from 'kysely';
import { inTransaction } from '../../api/db/tx.js';
import { changeBalance, getBalance, openAccount } from '../../api/ledger/accounts.js';
import { dialects, freshDatabaseUrl } from './harness.js';

/**
 * Prepared queries (api/db/prepared.ts) carry the payment path: a value must land in the parameter it names,
 * on each dialect and each database, also when the same query runs on two databases in one process.
 */
const accountsOwnedBy = prepared<{ owner: string; kind: 'customer' | 'merchant' }>()((db, p) =>
  db.selectFrom('accounts').select(['id', 'owner_id', 'kind', 'balance']).where('kind', '=', p('kind')).where('owner_id', '=', p('owner')).orderBy('id'),
);

describe.each(dialects)('prepared queries on %s', (dialect) => {
  let first: { db: Db; drop: () => Promise<void> };
  let second: { db: Db; drop: () => Promise<void> };
  const open = async () => {
    const fresh = await freshDatabaseUrl(dialect);
    return { db: await openDatabase(fresh.url), drop: fresh.drop };
  };
  beforeAll(async () => {
    first = await open();
    second = await open();
  });
  afterAll(async () => {
    for (const { db, drop } of [first, second]) {
      await db.close();
      await drop();
    }
  });

  it('fills each named parameter with its own value, whatever order they are given in', async () => {
    const now = Date.now();
    const alice = await openAccount(first.db.kysely, { kind: 'customer', ownerId: 'alice', currency: 'CNY', now });
    await openAccount(first.db.kysely, { kind: 'merchant', ownerId: 'alice', currency: 'CNY', now });
    await openAccount(first.db.kysely, { kind: 'customer', ownerId: 'bob', currency: 'CNY', now });
    const rows = (await accountsOwnedBy(first.db.kysely, { kind: 'customer', owner: 'alice' })).rows;
    expect(rows).toEqual([{ id: alice, owner_id: 'alice', kind: 'customer', balance: 0 }]);
    expect((await accountsOwnedBy(first.db.kysely, { owner: 'bob', kind: 'merchant' })).rows).toEqual([]);
  });

  it('keeps one template per database: the same query on a second database sees only that database', async () => {
    const now = Date.now();
    const carol = await openAccount(second.db.kysely, { kind: 'customer', ownerId: 'carol', currency: 'CNY', now });
    expect(await firstRow(accountsOwnedBy(second.db.kysely, { kind: 'customer', owner: 'carol' }))).toMatchObject({ id: carol });
    expect(await firstRow(accountsOwnedBy(first.db.kysely, { kind: 'customer', owner: 'carol' }))).toBeUndefined();
  });

  it('runs inside a transaction and counts the rows a write touched', async () => {
    const now = Date.now();
    const dave = await openAccount(first.db.kysely, { kind: 'customer', ownerId: 'dave', currency: 'CNY', now });
    const touched = await inTransaction(first.db.kysely, (trx) => affectedRows(changeBalance(trx, { id: dave, change: 1_234 })));
    expect(touched).toBe(1);
    expect(await getBalance(first.db.kysely, dave)).toBe(1_234);
    expect(await affectedRows(changeBalance(first.db.kysely, { id: 'acc_missing', change: 1 }))).toBe(0);
  });

  it('refuses to run with a parameter missing rather than sending a NULL', async () => {
    await expect(accountsOwnedBy(first.db.kysely, { kind: 'customer' } as never)).rejects.toThrow(/no value for parameter owner/);
  });

  // A group's payments, transfers and codes are written this way (group-statements.ts, issue-group.ts, ledger/transfers.ts).
  type AccountRow = { id: string; kind: 'customer' | 'merchant' | 'platform' | 'external'; owner_id: string; currency: string; balance: number; min_balance: number | null; created_at: number };
  const ACCOUNT_COLUMNS: Record<keyof AccountRow, true> = { id: true, kind: true, owner_id: true, currency: true, balance: true, min_balance: true, created_at: true };
  const insertAccounts = preparedRows<AccountRow>(8, ACCOUNT_COLUMNS, (db, rows) =>
    // A value the statement fixes itself (balance) and a column through an expression (currency) keep their places.
    db.insertInto('accounts').values(rows.map((r) => ({ ...r, balance: sql<number>`${7}` as never, currency: sql<string>`upper(${r.currency})` as never }))),
  );
  const account = (id: string, i: number): AccountRow => ({
    // Keys in another order than the statement's columns: each value must land by its column, not its place.
    created_at: 1_000 + i,
    min_balance: i % 2 === 0 ? 0 : null,
    balance: 0,
    owner_id: `owner-${id}`,
    kind: 'customer',
    id,
    currency: 'cny',
  });
  const stored = (db: Db, ids: string[]) =>
    db.kysely.selectFrom('accounts').select(['id', 'kind', 'owner_id', 'currency', 'balance', 'min_balance', 'created_at']).where('id', 'in', ids).orderBy('id').execute();

  it('inserts whole rows by column, each value in its own cell, on each database and for each count', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `acc_rows_${String(i).padStart(2, '0')}`);
    // 11 rows in chunks of 8, 2 and 1: three statements of three counts, each prepared on its first use.
    await insertRows(first.db.kysely, insertAccounts, ids.map(account), 8);
    expect(await stored(first.db, ids)).toEqual(ids.map((id, i) => ({ ...account(id, i), balance: 7, currency: 'CNY' })));
    // The same statement on a second database gets that database's own template.
    await insertAccounts(second.db.kysely, [account('acc_rows_second', 0)]);
    expect(await stored(second.db, ['acc_rows_second', ids[0]!])).toEqual([{ ...account('acc_rows_second', 0), balance: 7, currency: 'CNY' }]);
  });

  it('refuses a row without a value for a column, and more rows than it was prepared for, writing nothing', async () => {
    const { min_balance: _, ...withoutFloor } = account('acc_rows_missing', 0);
    await expect(insertAccounts(first.db.kysely, [withoutFloor as AccountRow])).rejects.toThrow(/row 0 has no value for min_balance/);
    const nine = Array.from({ length: 9 }, (_, i) => account(`acc_rows_nine_${i}`, i));
    await expect(insertAccounts(first.db.kysely, nine)).rejects.toThrow(/9 rows, not 1 to 8/);
    const changing = preparedRows<AccountRow>(2, ACCOUNT_COLUMNS, (db, rows) => db.insertInto('accounts').values(rows.map((r) => ({ ...r, id: `x${r.id}` }))));
    await expect(changing(first.db.kysely, [account('acc_rows_changed', 0)])).rejects.toThrow(/value was changed in the statement/);
    expect(await stored(first.db, ['acc_rows_missing', 'acc_rows_changed', 'xacc_rows_changed', ...nine.map((r) => r.id)])).toEqual([]);
  });
});

describe('lists in few shapes (settle-group.ts statements)', () => {
  it('pads a list to the next power of two by repeating its last item, so 1 to 128 items need eight statements', () => {
    expect([1, 2, 3, 5, 8, 9, 100, 128].map(listBucket)).toEqual([1, 2, 4, 8, 8, 16, 128, 128]);
    expect(listParams('id', ['a', 'b', 'c'])).toEqual({ id0: 'a', id1: 'b', id2: 'c', id3: 'c' });
    expect(() => listParams('id', [])).toThrow();
    // Written into the statement's other parameters, as a group's writes pass them (the time, a merchant).
    expect(listParams('hash', ['x', 'y'], 2, { now: 5 })).toEqual({ now: 5, hash0: 'x', hash1: 'y' });
    expect(pairParams('id', 'change', [['a', 1], ['b', -2], ['c', 3]])).toEqual([4, { id0: 'a', id1: 'b', id2: 'c', id3: 'c', change0: 1, change1: -2, change2: 3, change3: 3 }]);
  });

  it('cuts rows to insert into power-of-two chunks that keep every row once, in order', () => {
    const rows = Array.from({ length: 37 }, (_, i) => i);
    const chunks = powerOfTwoChunks(rows, 128);
    expect(chunks.map((c) => c.length)).toEqual([32, 4, 1]);
    expect(chunks.flat()).toEqual(rows);
    expect(powerOfTwoChunks(Array.from({ length: 300 }, (_, i) => i), 128).map((c) => c.length)).toEqual([128, 128, 32, 8, 4]);
  });
});
