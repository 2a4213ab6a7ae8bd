/**
 * A till catching up on its offline queue (POST /api/payments/batch) while the shop goes on: the sync commits a
 * chunk at a time (payments/batcher.ts settleOfflineBatch), so a sale at another till gets in between, and a
 * failure part-way leaves what committed answered and announced, and the rest to be sent again.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openAccount } from '../../api/ledger/accounts.js';
import { externalAccountId } from '../../api/ledger/system-accounts.js';
import { postTransfers } from '../../api/ledger/transfers.js';
import { inTransaction } from '../../api/db/tx.js';
import { newId } from '../../api/ids.js';
import { OFFLINE_CHUNK } from '../../api/payments/batcher.js';
import { GAPS_WINDOW } from '../../api/payments/batch-routes.js';
import { cny, dialects, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe.each(dialects)('offline sync beside online sales on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let owner: string;
  let merchantId: string;
  let merchantAccountId: string;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const merchant = await api.deps.db.kysely.selectFrom('merchants').select(['id', 'account_id']).where('handle', '=', 'demo-cafe').executeTakeFirstOrThrow();
    merchantId = merchant.id;
    merchantAccountId = merchant.account_id;
  });
  useInvariantCheck(() => api);

  /**
   * Customers with 100.00 each and a live code, written as the sign-up route and a top-up write them (without
   * the PIN's scrypt, which would make hundreds of customers take seconds): their codes, in order.
   */
  async function customersWithCodes(count: number): Promise<string[]> {
    const now = api.clock.now();
    const customerIds: string[] = [];
    await inTransaction(api.deps.db.kysely, async (trx) => {
      for (let i = 0; i < count; i++) {
        const id = newId('cus', now);
        const accountId = await openAccount(trx, { kind: 'customer', ownerId: id, currency: 'CNY', now });
        await trx.insertInto('customers').values({ id, handle: `sync-${newKey()}`, pin_hash: 'not-used', account_id: accountId, paycode_seq: 0, created_at: now }).execute();
        await postTransfers(trx, 'CNY', [{ debit: externalAccountId('CNY'), credit: accountId, amount: 10_000, kind: 'topup' }], now);
        customerIds.push(id);
      }
    });
    return Promise.all(customerIds.map(async (customerId) => (await api.deps.paycodes.issue({ customerId, couponId: null })).code));
  }

  /** The till's queue: one scan per code, all scanned now, each with its own key and sequence number. */
  const queueOf = (codes: string[], firstAmount: number) => {
    const scannedAt = iso(api.clock.now());
    return codes.map((code, i) => ({ idempotencyKey: newKey(), sequence: i + 1, code, amount: cny(firstAmount + i), scannedAt }));
  };

  const paymentsOf = async (terminalId: string) =>
    Number((await api.deps.db.kysely.selectFrom('payments').select(sql<number>`count(*)`.as('n')).where('terminal_id', '=', terminalId).executeTakeFirstOrThrow()).n);

  /** The order rows were written in: SQLite's rowid, PostgreSQL's transaction id (one per committed chunk). */
  async function writeOrder(paymentId: string, terminalId: string): Promise<{ sale: number; first: number; last: number }> {
    const position = dialect === 'sqlite' ? sql<number>`rowid` : sql<number>`xmin::text::bigint`;
    const k = api.deps.db.kysely;
    const sale = await k.selectFrom('payments').select(position.as('at')).where('id', '=', paymentId).executeTakeFirstOrThrow();
    const sync = await k
      .selectFrom('payments')
      .select([sql<number>`min(${position})`.as('first'), sql<number>`max(${position})`.as('last')])
      .where('terminal_id', '=', terminalId)
      .executeTakeFirstOrThrow();
    return { sale: Number(sale.at), first: Number(sync.first), last: Number(sync.last) };
  }

  /** Resolves once the first chunk of the terminal's sync has committed (or the sync has ended). */
  async function firstChunkCommitted(terminalId: string, sync: Promise<unknown>): Promise<void> {
    let ended = false;
    void sync.finally(() => (ended = true));
    while (!ended && (await paymentsOf(terminalId)) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  it('a sale at the next till is answered while a long sync is still committing, not after all of it', async () => {
    // Seven chunks (a batch holds at most 500 items). With five, on a quiet machine the sync was sometimes all
    // written before the sale reached the database (CI once on PostgreSQL, the sale's transaction id two after the
    // sync's last; 1 run in 6 alone): that says the sync was short, not that the sale waited for it.
    const [buyerCode, ...queuedCodes] = (await customersWithCodes(7 * OFFLINE_CHUNK + 1)) as [string, ...string[]];
    const terminalId = `queue-${dialect}`;
    const items = queueOf(queuedCodes, 100);
    const k = api.deps.db.kysely;
    if (dialect === 'postgres') {
      // Each of the sync's rows takes a millisecond more to write, as on a slower disk, so the sync lasts well past the
      // moment the sale is sent (~0.45 s more in all). Seven chunks alone were not enough on a quiet machine: CI had
      // the whole sync written once more before the sale reached the database (the sale's transaction id one after
      // the sync's last, 2026-12-07). Only this terminal's rows: the sale's own goes at full speed.
      await sql`create function test_slow_sync() returns trigger language plpgsql as $$
        begin perform pg_sleep(0.001); return new; end $$`.execute(k);
      await sql`create trigger test_slow_sync before insert on payments for each row
        when (new.terminal_id = ${sql.lit(terminalId)}) execute function test_slow_sync()`.execute(k);
    }

    let synced, sold;
    try {
      const sync = api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId, items } });
      // The sale is keyed in once the sync is visibly under way: with one transaction for the whole request
      // (before), nothing of it is visible until all of it is, and the sale would come after.
      await firstChunkCommitted(terminalId, sync);
      [synced, sold] = await Promise.all([sync, pay(api, owner, buyerCode, 450)]);
    } finally {
      if (dialect === 'postgres') {
        await sql`drop trigger test_slow_sync on payments`.execute(k);
        await sql`drop function test_slow_sync()`.execute(k);
      }
    }

    expect(sold.status).toBe(201);
    expect(synced.status).toBe(200);
    expect(synced.body.results.map((r: any) => r.status)).toEqual(items.map(() => 'succeeded'));
    expect(await paymentsOf(terminalId)).toBe(items.length);
    // Where the sale's row went in among the sync's, by the order the database wrote them (SQLite's rowid,
    // PostgreSQL's transaction id): after the sync's first rows and before its last. Counted after the sale's
    // answer instead, the count depended on how fast this test's own query got through a busy machine.
    const order = await writeOrder(sold.body.payment.id, terminalId);
    expect(order.sale).toBeGreaterThan(order.first);
    expect(order.sale).toBeLessThan(order.last);
  });

  it('a database failure part-way through a sync: what committed is answered and announced, the rest is sent again and settles once', async () => {
    const terminalId = `failing-${dialect}`;
    const items = queueOf(await customersWithCodes(3 * OFFLINE_CHUNK), 200);
    const announced = new Set<string>();
    const unsubscribe = api.deps.events.subscribe({ merchantId }, (event: any) => announced.add(event.payment.id));

    // The fault: crediting the shop's account (the last write of every chunk) succeeds once, for the first chunk,
    // then fails, so the second chunk cannot commit. Counted by the database itself: a flag the test set once it
    // saw the first chunk raced the sync, which on a busy machine had committed all three chunks by then. The
    // counter's own update rolls back with a chunk that fails, so it stays at one.
    const k = api.deps.db.kysely;
    await sql`create table test_fail_credit (credits integer)`.execute(k);
    if (dialect === 'postgres') {
      await sql`create function test_fail_credit() returns trigger language plpgsql as $$
        begin
          if (select credits from test_fail_credit) >= 1 then raise exception 'injected failure'; end if;
          update test_fail_credit set credits = credits + 1;
          return new;
        end $$`.execute(k);
      await sql`create trigger test_fail_credit before update on accounts for each row
        when (new.id = ${sql.lit(merchantAccountId)}) execute function test_fail_credit()`.execute(k);
    } else {
      await sql`create trigger test_fail_credit before update of balance on accounts
        when new.id = ${sql.lit(merchantAccountId)}
        begin
          select raise(abort, 'injected failure') where (select credits from test_fail_credit) >= 1;
          update test_fail_credit set credits = credits + 1;
        end`.execute(k);
    }
    try {
      await sql`insert into test_fail_credit (credits) values (0)`.execute(k);
      const first = await api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId, items } });

      expect(first.status).toBe(200);
      const statuses: string[] = first.body.results.map((r: any) => r.status);
      const settled = statuses.filter((s) => s === 'succeeded').length;
      // The first chunk committed, then the rest was refused as "send again".
      expect(settled).toBe(OFFLINE_CHUNK);
      expect(statuses).toEqual(items.map((_, i) => (i < settled ? 'succeeded' : 'error')));
      for (const r of first.body.results.slice(settled)) expect(r.error.code).toBe('UNAVAILABLE');
      expect(await paymentsOf(terminalId)).toBe(settled);
      // Every committed payment reached the shop's screens now: a retry replays them, and replays announce nothing.
      const committedIds = first.body.results.slice(0, settled).map((r: any) => r.payment.id);
      await vi.waitFor(() => expect(committedIds.filter((id: string) => announced.has(id))).toHaveLength(settled));

      // The database is well again; the till sends the whole queue again, as its outbox does.
      await sql`delete from test_fail_credit`.execute(k);
      const again = await api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId, items } });
      expect(again.status).toBe(200);
      expect(again.body.results.map((r: any) => r.status)).toEqual(items.map(() => 'succeeded'));
      expect(again.body.results.slice(0, settled).map((r: any) => r.payment.id)).toEqual(committedIds);
      expect(await paymentsOf(terminalId)).toBe(items.length);
      const allIds = again.body.results.map((r: any) => r.payment.id);
      await vi.waitFor(() => expect(allIds.filter((id: string) => announced.has(id))).toHaveLength(items.length));
    } finally {
      unsubscribe();
      await sql`drop trigger test_fail_credit${dialect === 'postgres' ? sql` on accounts` : sql``}`.execute(k);
      if (dialect === 'postgres') await sql`drop function test_fail_credit()`.execute(k);
      await sql`drop table test_fail_credit`.execute(k);
    }
  });

  it("the answer's gaps name the sequence numbers that never arrived, among the last GAPS_WINDOW below the batch", async () => {
    const terminalId = `gaps-${newKey()}`;
    const codes = await customersWithCodes(4);
    const scannedAt = iso(api.clock.now());
    const item = (code: string, sequence: number) => ({ idempotencyKey: newKey(), sequence, code, amount: cny(100), scannedAt });
    const send = (items: unknown[]) => api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId, items } });
    // 1 and 2, then 5: 3 and 4 were lost on the way.
    expect((await send([item(codes[0]!, 1), item(codes[1]!, 2)])).body.gaps).toEqual([]);
    expect((await send([item(codes[2]!, 5)])).body.gaps).toEqual([{ from: 3, to: 4 }]);
    // A till far on: only the window below its highest is read and reported, not its whole history again.
    const far = 5 + GAPS_WINDOW + 10;
    expect((await send([item(codes[3]!, far)])).body.gaps).toEqual([{ from: far - GAPS_WINDOW + 1, to: far - 1 }]);
  });
});

