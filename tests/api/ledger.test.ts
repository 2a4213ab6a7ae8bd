import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../api/db/connect.js';
import { inTransaction } from '../../api/db/tx.js';
import { openAccount } from '../../api/ledger/accounts.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { ensureSystemAccounts, externalAccountId } from '../../api/ledger/system-accounts.js';
import { postTransfers } from '../../api/ledger/transfers.js';
import { dialects, freshDatabaseUrl } from './harness.js';

/**
 * The ledger alone (it knows nothing of coupons): random transfers, many at once from several connections,
 * must keep every invariant of DESIGN.md. A deliberately unsafe variant (read, then write an absolute balance,
 * without a lock) is run the same way to show that the check does catch lost updates.
 */
const CONNECTIONS = 4;
const ACCOUNTS = 5;

describe.each(dialects)('ledger on %s', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  let dbs: Db[] = [];
  let accounts: string[] = [];
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    url = fresh.url;
    drop = fresh.drop;
    const first = await openDatabase(url, { busyTimeoutMs: 0 });
    // Extra SQLite connections don't busy-wait (that would block this one thread); they fail fast and the
    // transaction helper retries them after a short async pause, which is what interleaves them.
    dbs = [first, ...(await Promise.all(Array.from({ length: CONNECTIONS - 1 }, () => openDatabase(url, { migrate: false, busyTimeoutMs: 0 }))))];
    const now = Date.now();
    await ensureSystemAccounts(first.kysely, 'CNY', now);
    accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await openAccount(first.kysely, { kind: 'customer', ownerId: null, currency: 'CNY', now }));
    await inTransaction(first.kysely, (trx) =>
      postTransfers(trx, 'CNY', accounts.map((a) => ({ debit: externalAccountId('CNY'), credit: a, amount: 10_000, kind: 'topup' as const })), now),
    );
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await drop();
  });

  it('random concurrent transfers from several connections keep every invariant, and refusals leave no trace', async () => {
    const transferArb = fc.record({
      from: fc.integer({ min: 0, max: ACCOUNTS - 1 }),
      to: fc.integer({ min: 0, max: ACCOUNTS - 1 }),
      amount: fc.integer({ min: 1, max: 6_000 }),
      via: fc.integer({ min: 0, max: CONNECTIONS - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(transferArb, { minLength: 1, maxLength: 30 }), async (transfers) => {
        const before = await dbs[0]!.kysely.selectFrom('transfers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        const outcomes = await Promise.all(
          transfers
            .filter((t) => t.from !== t.to)
            .map((t) =>
              inTransaction(dbs[t.via]!.kysely, (trx) =>
                postTransfers(trx, 'CNY', [{ debit: accounts[t.from]!, credit: accounts[t.to]!, amount: t.amount, kind: 'test' }], Date.now()),
              ),
            ),
        );
        const report = await checkInvariants(dbs[0]!.kysely);
        expect(report.violations).toEqual([]);
        const after = await dbs[0]!.kysely.selectFrom('transfers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        // Exactly the accepted transfers were written: a refused one (INSUFFICIENT_FUNDS) wrote nothing.
        expect(Number(after.n) - Number(before.n)).toBe(outcomes.filter((o) => o.ok).length);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('refuses what would take an account under its floor, and anything that is not a positive integer', async () => {
    const db = dbs[0]!;
    const balance = await db.kysely.selectFrom('accounts').select('balance').where('id', '=', accounts[0]!).executeTakeFirstOrThrow();
    const refused = await inTransaction(db.kysely, (trx) =>
      postTransfers(trx, 'CNY', [{ debit: accounts[0]!, credit: accounts[1]!, amount: balance.balance + 1, kind: 'test' }], Date.now()),
    );
    // It says by how much: one minor unit under the floor (the counter's "¥0.01 short").
    expect(refused).toEqual({ ok: false, reason: 'INSUFFICIENT_FUNDS', accountId: accounts[0], short: 1 });
    for (const amount of [0, -5, 1.5, Number.NaN, 2 ** 53]) {
      await expect(
        inTransaction(db.kysely, (trx) => postTransfers(trx, 'CNY', [{ debit: accounts[0]!, credit: accounts[1]!, amount, kind: 'test' }], Date.now())),
      ).rejects.toThrow();
    }
    await expect(
      inTransaction(db.kysely, (trx) => postTransfers(trx, 'USD', [{ debit: accounts[0]!, credit: accounts[1]!, amount: 1, kind: 'test' }], Date.now())),
    ).rejects.toThrow(/holds CNY/);
    expect((await checkInvariants(db.kysely)).ok).toBe(true);
  });

  it('a call whose second debit is refused leaves the first account as it was, and the caller can go on', async () => {
    const db = dbs[0]!;
    const [low, high] = [accounts[3]!, accounts[4]!].sort();
    const balanceOf = async (id: string) => (await db.kysely.selectFrom('accounts').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance;
    const [lowBefore, highBefore] = [await balanceOf(low!), await balanceOf(high!)];
    const outcome = await inTransaction(db.kysely, async (trx) => {
      // The first account in id order can pay its part, the second cannot: the first is written, then undone.
      const refused = await postTransfers(
        trx,
        'CNY',
        [
          { debit: low!, credit: accounts[0]!, amount: 1, kind: 'test' },
          { debit: high!, credit: accounts[0]!, amount: highBefore + 1, kind: 'test' },
        ],
        Date.now(),
      );
      // The same transaction goes on: a transfer that fits is posted after the refusal.
      const accepted = await postTransfers(trx, 'CNY', [{ debit: low!, credit: accounts[0]!, amount: 2, kind: 'test' }], Date.now());
      return { refused, accepted };
    });
    expect(outcome.refused).toEqual({ ok: false, reason: 'INSUFFICIENT_FUNDS', accountId: high, short: 1 });
    expect(outcome.accepted.ok).toBe(true);
    expect([await balanceOf(low!), await balanceOf(high!)]).toEqual([lowBefore - 2, highBefore]);
    expect((await checkInvariants(db.kysely)).violations).toEqual([]);
  });

  it('the invariant check catches an unsafe transfer (read, then write an absolute balance, no lock)', async () => {
    const [a, b] = [accounts[2]!, accounts[3]!];
    // Every transfer reads the balances before any of them writes (a barrier, not a timer: under load a 1 ms
    // pause let some run one after another, and then there was no lost update to catch).
    const TRANSFERS = 10;
    let read = 0;
    let allRead!: () => void;
    const everyoneHasRead = new Promise<void>((resolve) => (allRead = resolve));
    const unsafeTransfer = async (db: Db, amount: number) => {
      const rows = await db.kysely.selectFrom('accounts').select(['id', 'balance']).where('id', 'in', [a, b]).execute();
      const balanceOf = (id: string) => rows.find((r) => r.id === id)!.balance;
      if (++read === TRANSFERS) allRead();
      await everyoneHasRead;
      await db.kysely.updateTable('accounts').set({ balance: balanceOf(a) - amount }).where('id', '=', a).execute();
      await db.kysely.updateTable('accounts').set({ balance: balanceOf(b) + amount }).where('id', '=', b).execute();
      await db.kysely
        .insertInto('transfers')
        .values({ id: `unsafe_${Math.random()}`, debit_account_id: a, credit_account_id: b, amount, currency: 'CNY', kind: 'test', payment_id: null, refund_id: null, created_at: Date.now() })
        .execute();
    };
    await Promise.all(Array.from({ length: TRANSFERS }, (_, i) => unsafeTransfer(dbs[i % CONNECTIONS]!, 10).catch(() => {})));
    const report = await checkInvariants(dbs[0]!.kysely);
    expect(report.ok).toBe(false);
    expect(report.violations.some((v) => v.includes('its transfers sum to'))).toBe(true);
  });
});
