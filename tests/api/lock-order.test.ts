/**
 * What a refund does to a sale or a Z report at the same moment on PostgreSQL, where they run truly in parallel:
 * each takes its row locks in an order the other agrees with, so one waits for the other and neither waits for
 * PostgreSQL's deadlock detector (a second, deadlock_timeout) to abort it and start it again. Each interleaving is
 * made certain by another connection holding a row until both are waiting.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

// Row locks are PostgreSQL's: SQLite writes one transaction at a time. Skipped, not absent, without a PostgreSQL.
describe.skipIf(!dialects.includes('postgres'))('a refund beside a sale or a close on postgres', () => {
  const dialect = 'postgres';
  let api: TestApi;
  let cafe: string;
  let owner: string;
  let watcher: pg.Client;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    watcher = new pg.Client({ connectionString: api.databaseUrl });
    await watcher.connect();
  });
  useInvariantCheck(() => api);
  afterAll(async () => {
    await watcher?.end();
  });

  let customers = 0;
  async function customer(): Promise<{ token: string; handle: string }> {
    const handle = `lock-${++customers}`;
    expect((await api.request('POST', '/api/customers', { body: { handle, pin: '1234' } })).status).toBe(201);
    const token = await api.signIn('customer', handle, '1234');
    expect((await api.request('POST', '/api/wallet/topups', { token, key: newKey(), body: { amount: cny(10_000) } })).status).toBe(201);
    return { token, handle };
  }

  const deadlocks = async () => Number((await watcher.query('select deadlocks from pg_stat_database where datname = current_database()')).rows[0].deadlocks);
  /** Waits until `n` of the API's connections wait for a lock. */
  async function waitingForLocks(n: number): Promise<void> {
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
      const { rows } = await watcher.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
      if (rows[0].n >= n) return;
    }
    throw new Error(`fewer than ${n} connections came to wait for a lock`);
  }
  /**
   * Runs `during` while another connection holds the rows `lockQuery` locks, then lets them go; how long the answers
   * took after that. FOR NO KEY UPDATE, the lock an UPDATE of a balance or a coupon takes: rows that merely refer to
   * the held one (a transfer to that account) are not held up, as they are not by a real writer.
   */
  async function whileHeld<T>(lockQuery: string, params: unknown[], during: () => Promise<Promise<T>[]>): Promise<{ answers: T[]; afterReleaseMs: number }> {
    const locker = new pg.Client({ connectionString: api.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(lockQuery, params);
      const pending = await during();
      await locker.query('commit');
      const released = Date.now();
      const answers = await Promise.all(pending);
      return { answers, afterReleaseMs: Date.now() - released };
    } finally {
      await locker.end();
    }
  }
  /**
   * The usual turn inside whileHeld: `first` is sent and comes to wait for the held rows, then `second`'s requests,
   * until a second connection waits as well.
   */
  async function inTurn<T>(first: () => Promise<T>, second: () => Promise<T>[]): Promise<Promise<T>[]> {
    const firstAnswer = first();
    await waitingForLocks(1);
    const secondAnswers = second();
    await waitingForLocks(2);
    return [firstAnswer, ...secondAnswers];
  }
  /** Waits until `request` is answered or `n` of the API's connections wait for a lock, whichever comes first. */
  async function untilDoneOrWaiting(request: Promise<unknown>, n: number): Promise<void> {
    let done = false;
    void request.finally(() => (done = true));
    for (const deadline = Date.now() + 5_000; !done && Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
      const { rows } = await watcher.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
      if (rows[0].n >= n) return;
    }
  }
  /** Both went on as soon as the rows were let go: nobody sat out PostgreSQL's deadlock timeout, and none was counted. */
  async function expectNoDeadlock(afterReleaseMs: number, deadlocksBefore: number): Promise<void> {
    expect(afterReleaseMs).toBeLessThan(await deadlockTimeoutMs());
    expect(await deadlocks()).toBe(deadlocksBefore);
  }
  const SHOP_BALANCE = "select a.id from accounts a join merchants m on m.account_id = a.id where m.handle = 'demo-cafe' for no key update of a";
  /** PostgreSQL's deadlock_timeout in ms: how long a deadlocked transaction waits before one of them is aborted. */
  const deadlockTimeoutMs = async () => {
    const { rows } = await watcher.query("select setting::int as ms from pg_settings where name = 'deadlock_timeout'");
    return Number(rows[0].ms);
  };

  async function budgetedCampaign(title: string): Promise<string> {
    const made = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title, rule: { kind: 'fixed', off: 200 }, validUntil: iso(api.clock.now() + 86_400_000), budget: cny(10_000) },
    });
    expect(made.status).toBe(201);
    return made.body.campaign.id;
  }
  async function grant(campaign: string, handle: string): Promise<string> {
    const res = await api.request('POST', `/api/campaigns/${campaign}/grants`, { token: owner, key: newKey(), body: { customer: handle } });
    expect(res.status).toBe(201);
    return res.body.coupon.id;
  }

  it('a full refund giving a budgeted coupon back and a sale with a coupon of the same campaign: both done, neither waits for a deadlock', async () => {
    const campaign = await budgetedCampaign('Refund and sale');
    const [a, b] = [await customer(), await customer()];
    const paid = await pay(api, cafe, await newCode(api, a.token, await grant(campaign, a.handle)), 1000);
    expect(paid.status).toBe(201);
    const code = await newCode(api, b.token, await grant(campaign, b.handle));
    const before = await deadlocks();

    // The refund is the first to wait, at the shop's balance row; the sale comes second. Had the refund left the
    // coupon's campaign for after the balance, the sale would be holding the campaign's budget by then, and each
    // would wait for the other.
    const { answers, afterReleaseMs } = await whileHeld(SHOP_BALANCE, [], () =>
      inTurn(
        () => api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} }),
        () => [pay(api, cafe, code, 1000)],
      ),
    );
    const [refund, sale] = answers;

    expect(refund!.status).toBe(201);
    expect(refund!.body.refund.couponReturned).toBe(true);
    expect(sale!.status).toBe(201);
    expect(sale!.body.payment.deduction.amount).toBe(200);
    await expectNoDeadlock(afterReleaseMs, before);
  });

  it('a Z report closed while a full refund is under way: both done, the refund in that report, neither waits for a deadlock', async () => {
    const campaign = await budgetedCampaign('Refund and close');
    const a = await customer();
    const coupon = await grant(campaign, a.handle);
    const paid = await pay(api, cafe, await newCode(api, a.token, coupon), 1500);
    expect(paid.status).toBe(201);
    const before = await deadlocks();

    // The refund has taken its payment and waits for the coupon it gives back; the close then comes to that payment.
    const { answers, afterReleaseMs } = await whileHeld('select id from coupons where id = $1 for no key update', [coupon], () =>
      inTurn(
        () => api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} }),
        () => [api.request('POST', '/api/reports/z', { token: owner, key: newKey(), body: {} })],
      ),
    );
    const [refund, close] = answers;

    expect(refund!.status).toBe(201);
    expect(close!.status).toBe(201);
    expect(close!.body.report.figures.refunded.amount).toBeGreaterThanOrEqual(1500);
    const open = await api.request('GET', '/api/reports/x', { token: owner });
    expect(open.body.figures.refundCount).toBe(0);
    await expectNoDeadlock(afterReleaseMs, before);
  });
  it('a refund of a sale the platform subsidised and a sale with a platform coupon at the same shop: both done, neither waits for a deadlock', async () => {
    // A customer newer than the shop (so the shop's balance comes before their wallet in id order), paying with a
    // platform coupon alice passes on to them.
    api.clock.advance(1_000);
    const newer = await customer();
    const alice = await api.signIn('customer', 'alice', '1111');
    const shared = await api.request('POST', `/api/coupons/${await couponId(api, alice, 'fixed')}/shares`, { token: alice, body: {} });
    expect(shared.status).toBe(201);
    expect((await api.request('POST', `/api/shares/${shared.body.share.token}/claim`, { token: newer.token, body: {} })).status).toBe(201);
    const paid = await pay(api, cafe, await newCode(api, newer.token, shared.body.share.couponId), 4000);
    expect(paid.status).toBe(201);
    expect(paid.body.payment.funding).toBe('platform');
    const bob = await api.signIn('customer', 'bob', '2222');
    const code = await newCode(api, bob, await couponId(api, bob, 'percent'));
    // Sent twice in one offline batch (the till's retry of a lost answer): such a batch settles item by item, and
    // each sale takes the shop's balance last.
    const item = { idempotencyKey: newKey(), code, amount: cny(2000), scannedAt: iso(api.clock.now()) };
    const wallet = (await api.request('GET', '/api/wallet', { token: newer.token })).body.accountId;
    const before = await deadlocks();

    // The refund waits at the wallet it pays back into; the sale comes next, and waits too or, finding nothing it
    // needs held, is done.
    const { answers, afterReleaseMs } = await whileHeld('select id from accounts where id = $1 for no key update', [wallet], async () => {
      const refund = api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} });
      await waitingForLocks(1);
      let synced = false;
      const sync = api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 'lock-order', items: [item, item] } }).finally(() => (synced = true));
      for (const deadline = Date.now() + 5_000; !synced && Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
        const { rows } = await watcher.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
        if (rows[0].n >= 2) break;
      }
      return [refund, sync];
    });
    const [refund, sync] = answers;

    expect(refund!.status).toBe(201);
    expect(refund!.body.refund.subsidy.amount).toBe(paid.body.payment.deduction.amount);
    expect(sync!.status).toBe(200);
    expect(sync!.body.results.map((r: any) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(sync!.body.results[0].payment.funding).toBe('platform');
    await expectNoDeadlock(afterReleaseMs, before);
  });
  it('a full refund giving a budgeted coupon back while an offline batch, settled item by item, charges that customer and then uses the same campaign: neither waits for a deadlock', async () => {
    // A batch that cannot settle together (an item sent twice) settles its items one after another in one
    // transaction. Item by item, it wrote a's wallet for a's sale, then came to the campaign's budget for b's
    // coupon; the refund (to a, giving a coupon of that campaign back) takes the budget before the wallet: each
    // waited for the other.
    const campaign = await budgetedCampaign('Refund and a batch');
    const [a, b] = [await customer(), await customer()];
    const paid = await pay(api, cafe, await newCode(api, a.token, await grant(campaign, a.handle)), 1000);
    expect(paid.status).toBe(201);
    const scannedAt = iso(api.clock.now());
    const aItem = { idempotencyKey: newKey(), code: await newCode(api, a.token), amount: cny(700), scannedAt };
    const bItem = { idempotencyKey: newKey(), code: await newCode(api, b.token, await grant(campaign, b.handle)), amount: cny(1000), scannedAt };
    const wallet = (await api.request('GET', '/api/wallet', { token: a.token })).body.accountId;
    const before = await deadlocks();

    // The batch comes first to a's wallet (held here), then the refund, which has taken the campaign's budget by
    // then and waits there too, or at the budget.
    const { answers, afterReleaseMs } = await whileHeld('select id from accounts where id = $1 for no key update', [wallet], () =>
      inTurn(
        () => api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 'lock-order-steps', items: [aItem, bItem, bItem] } }),
        () => [api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} })],
      ),
    );
    const [sync, refund] = answers;

    expect(sync!.status).toBe(200);
    expect(sync!.body.results.map((r: any) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sync!.body.results.map((r: any) => r.payment.charged.amount)).toEqual([700, 800, 800]);
    expect(sync!.body.results[2].payment.id).toBe(sync!.body.results[1].payment.id);
    expect(refund!.status).toBe(201);
    expect(refund!.body.refund.couponReturned).toBe(true);
    await expectNoDeadlock(afterReleaseMs, before);
    // a's wallet: 100.00 topped up, 10.00 paid (less the coupon's 2.00), all of it back, 7.00 paid.
    expect((await api.request('GET', '/api/wallet', { token: a.token })).body.balance.amount).toBe(10_000 - 700);
  });
  it("a contact claiming a shared coupon while a till syncs an offline sale of the sender's old code that held it: neither waits for a deadlock", async () => {
    // Payments lock a coupon before its campaign's budget; a claim, counting the campaign's per-customer limit, must
    // too. The code lapsed after its offline scan, so the coupon it held was free to be shared.
    const made = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'Claim and a sync', rule: { kind: 'fixed', off: 200 }, validUntil: iso(api.clock.now() + 86_400_000), budget: cny(10_000), shareable: true, perCustomerLimit: 3 },
    });
    expect(made.status).toBe(201);
    const [a, b] = [await customer(), await customer()];
    const coupon = await grant(made.body.campaign.id, a.handle);
    const oldCode = await newCode(api, a.token, coupon);
    const scannedAt = iso(api.clock.now());
    api.clock.advance(61_000);
    const shared = await api.request('POST', `/api/coupons/${coupon}/shares`, { token: a.token, body: {} });
    expect(shared.status).toBe(201);
    const share = shared.body.share.token;
    const before = await deadlocks();

    // The claim comes first to the share (held here); then the sync, which takes the coupon and its campaign, and
    // waits too or, finding nothing it needs held, is done. (Had the claim locked the campaign before the share, as
    // it first did, the sync would wait for it holding the coupon the claim then moves.)
    const { answers, afterReleaseMs } = await whileHeld('select token from coupon_shares where token = $1 for update', [share], async () => {
      const claim = api.request('POST', `/api/shares/${share}/claim`, { token: b.token, body: {} });
      await waitingForLocks(1);
      const sync = api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 'lock-order-claim', items: [{ idempotencyKey: newKey(), code: oldCode, amount: cny(500), scannedAt }] } });
      await untilDoneOrWaiting(sync, 2);
      return [claim, sync];
    });
    const [claim, sync] = answers;

    // The sale finds the coupon on offer (the scan was before, but a coupon is judged as it is): declined for it,
    // to charge again without; the contact gets the coupon.
    expect(sync!.status).toBe(200);
    expect(sync!.body.results[0].payment).toMatchObject({ status: 'declined', reason: 'COUPON_NOT_APPLICABLE' });
    expect([claim!.status, claim!.body.coupon?.id]).toEqual([201, coupon]);
    await expectNoDeadlock(afterReleaseMs, before);
  });

  it('a refund to a customer while that customer pays again in a group of sales at the same shop: both done, neither waits for a deadlock', async () => {
    // Customers newer than the shop: in id order their wallets come after its balance, where a group's index scan
    // would have locked the shop's first. A refund writes the shop's balance last.
    api.clock.advance(1_000);
    const [a, b] = [await customer(), await customer()];
    const paid = await pay(api, cafe, await newCode(api, a.token), 3000);
    expect(paid.status).toBe(201);
    const [codeA, codeB] = [await newCode(api, a.token), await newCode(api, b.token)];
    const wallet = (await api.request('GET', '/api/wallet', { token: a.token })).body.accountId;
    const before = await deadlocks();

    // The refund waits first, at a's wallet; then two sales arrive together, settled as one group (a's and b's), whose
    // write waits for a's wallet too: with the shop's balance already held, had it taken that first.
    const { answers, afterReleaseMs } = await whileHeld('select id from accounts where id = $1 for no key update', [wallet], () =>
      inTurn(
        () => api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(1000) } }),
        () => [pay(api, cafe, codeA, 1200), pay(api, cafe, codeB, 1300)],
      ),
    );
    const [refund, saleA, saleB] = answers;

    expect(refund!.status).toBe(201);
    expect(refund!.body.refund.cash.amount).toBe(1000);
    expect([saleA!.status, saleB!.status]).toEqual([201, 201]);
    expect([saleA!.body.payment.charged.amount, saleB!.body.payment.charged.amount]).toEqual([1200, 1300]);
    await expectNoDeadlock(afterReleaseMs, before);
    // a's wallet: 100.00 topped up, 30.00 paid, 10.00 back, 12.00 paid.
    expect((await api.request('GET', '/api/wallet', { token: a.token })).body.balance.amount).toBe(10_000 - 3000 + 1000 - 1200);
  });

  it('a refund of a sale the platform subsidised and an ordinary sale with a platform coupon at the same shop (settled as a group): neither waits for a deadlock', async () => {
    // The ordinary way a sale is settled (payments/settle-group.ts): one statement writes every balance of the
    // group, the shop's among them, in whatever order that statement's plan meets the rows.
    api.clock.advance(1_000);
    const newer = await customer();
    const carol = await api.signIn('customer', 'carol', '3333');
    const bob = await api.signIn('customer', 'bob', '2222');
    const alice = await api.signIn('customer', 'alice', '1111');
    const shared = await api.request('POST', `/api/coupons/${await couponId(api, bob, 'fixed')}/shares`, { token: bob, body: {} });
    expect(shared.status).toBe(201);
    expect((await api.request('POST', `/api/shares/${shared.body.share.token}/claim`, { token: newer.token, body: {} })).status).toBe(201);
    const paid = await pay(api, cafe, await newCode(api, newer.token, shared.body.share.couponId), 4000);
    expect(paid.status).toBe(201);
    expect(paid.body.payment.funding).toBe('platform');
    const code = await newCode(api, carol, await couponId(api, carol, 'percent'));
    // The platform's account written last by a sale at another shop: a small table is read in the order its rows
    // were last written, and this one was then met after the shop's balance (the order is the plan's, not ours).
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    expect((await pay(api, books, await newCode(api, alice, await couponId(api, alice, 'percent')), 1000)).body.payment.funding).toBe('platform');
    const before = await deadlocks();

    // The refund has written the wallet it pays back into and waits at the platform's account; the sale comes next.
    const { answers, afterReleaseMs } = await whileHeld("select id from accounts where id = 'acc_platform_CNY' for no key update", [], () =>
      inTurn(
        // A part of it: the coupon stays used, so only the accounts are in play.
        () => api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(2000) } }),
        () => [pay(api, cafe, code, 2000)],
      ),
    );
    const [refund, sale] = answers;

    expect(refund!.status).toBe(201);
    expect(refund!.body.refund.subsidy.amount).toBeGreaterThan(0);
    expect(sale!.status).toBe(201);
    expect(sale!.body.payment.funding).toBe('platform');
    await expectNoDeadlock(afterReleaseMs, before);
  });
});
