/**
 * Races: what a busy shop does to the API at the same instant. Every test fires its requests at once
 * (Promise.all over the real app) and then asserts exact counts and the money that moved; the ledger's
 * invariants are checked after the file (useInvariantCheck). On SQLite one process serialises transactions; on
 * PostgreSQL the pool runs them truly in parallel, which is where a missing lock would show.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { startDeps } from '../../api/server.js';
import { balance, cny, couponId, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

type Answer = Awaited<ReturnType<TestApi['request']>>;

const iso = (ms: number) => new Date(ms).toISOString();
const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

/** A customer's payments as their phone lists them (newest first); enough for every test in this file. */
async function customerPayments(api: TestApi, token: string): Promise<any[]> {
  const res = await api.request('GET', '/api/payments?limit=200', { token });
  expect(res.status).toBe(200);
  return res.body.payments;
}

async function coupons(api: TestApi, token: string): Promise<any[]> {
  const res = await api.request('GET', '/api/coupons', { token });
  expect(res.status).toBe(200);
  return res.body.coupons;
}

describe.each(dialects)('races on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let books: string;
  let owner: string;
  let alice: string;
  let bob: string;
  let carol: string;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ cafe, books, owner, alice, bob, carol } = await signInDemo(api, 'cafe', 'books', 'owner', 'alice', 'bob', 'carol'));
  });
  useInvariantCheck(() => api);

  /** A new "1.00 off" coupon of the café's own for a customer. */
  async function freshCoupon(customer: string): Promise<string> {
    const created = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: `For ${customer}`, rule: { kind: 'fixed', off: 100 }, validUntil: iso(api.clock.now() + 30 * 86_400_000) },
    });
    expect(created.status).toBe(201);
    const grant = await api.request('POST', `/api/campaigns/${created.body.campaign.id}/grants`, { token: owner, key: newKey(), body: { customer } });
    expect(grant.status).toBe(201);
    return grant.body.coupon.id;
  }

  it('a code scanned by 30 tills at once pays exactly once; the other 29 are declined as already used', async () => {
    const before = await balance(api, bob);
    const listedBefore = (await customerPayments(api, bob)).length;
    const code = await newCode(api, bob);

    // Each till makes its own intent (its own key), so none of them may be answered as a replay.
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => pay(api, i % 2 ? cafe : books, code, 1234)));

    expect(count(answers, 201)).toBe(1);
    const declined = answers.filter((a) => a.status === 402);
    expect(declined).toHaveLength(29);
    for (const a of declined) {
      expect(a.body.payment.status).toBe('declined');
      expect(a.body.payment.reason).toBe('CODE_USED');
      expect(a.body.error.code).toBe('CODE_USED');
    }
    expect(await balance(api, bob)).toBe(before - 1234);
    // Declines are recorded payments too: the customer sees all thirty attempts, one of them paid.
    const listed = await customerPayments(api, bob);
    expect(listed.length - listedBefore).toBe(30);
    expect(listed.filter((p: any) => p.status === 'succeeded' && p.amount.amount === 1234)).toHaveLength(1);
  });

  it('a coupon asked for in two codes, both scanned at two shops at once, discounts only the newer code', async () => {
    const before = await balance(api, alice);
    const fixed = await couponId(api, alice, 'fixed'); // "5 off", valid at every shop
    const first = await newCode(api, alice, fixed);
    const second = await newCode(api, alice, fixed); // retires the first code and takes the coupon over

    const [atCafe, atBooks] = await Promise.all([pay(api, cafe, first, 6000), pay(api, books, second, 6000)]);

    expect(atCafe.status).toBe(402);
    expect(atCafe.body.payment.reason).toBe('CODE_EXPIRED');
    expect(atCafe.body.payment.deduction.amount).toBe(0);
    expect(atBooks.status).toBe(201);
    expect(atBooks.body.payment.couponId).toBe(fixed);
    expect(atBooks.body.payment.deduction).toEqual(cny(500));
    expect(atBooks.body.payment.charged).toEqual(cny(5500));
    expect(await balance(api, alice)).toBe(before - 5500);
    expect((await coupons(api, alice)).find((c) => c.id === fixed).state).toBe('redeemed');
  });

  it('asking for a new code while the old one is being paid never lets its coupon discount twice or get lost', async () => {
    // A campaign of the café's own, so each round has a fresh coupon to fight over.
    const created = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'Race coupon', rule: { kind: 'fixed', off: 100 }, validUntil: iso(api.clock.now() + 30 * 86_400_000) },
    });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaign.id;
    for (let round = 0; round < 6; round++) {
      const grant = await api.request('POST', `/api/campaigns/${campaignId}/grants`, { token: owner, key: newKey(), body: { customer: 'bob' } });
      expect(grant.status).toBe(201);
      const coupon = grant.body.coupon.id;
      const before = await balance(api, bob);
      const first = await newCode(api, bob, coupon);

      const [paid, reissued] = await Promise.all([
        pay(api, cafe, first, 1000),
        api.request('POST', '/api/paycodes', { token: bob, body: { couponId: coupon } }),
      ]);

      const discounted: Answer[] = [];
      if (paid.status === 201) {
        // The payment won: it used the coupon, so the new code cannot hold it.
        discounted.push(paid);
        expect(reissued.status).toBe(409);
        expect(reissued.body.error.code).toBe('COUPON_NOT_AVAILABLE');
      } else {
        // The new code won: the old one was retired before the till got to it, and the coupon moved on.
        expect(paid.status).toBe(402);
        expect(paid.body.payment.reason).toBe('CODE_EXPIRED');
        expect(reissued.status).toBe(201);
        const second = await pay(api, cafe, reissued.body.code, 1000);
        expect(second.status).toBe(201);
        discounted.push(second);
      }
      expect(discounted).toHaveLength(1);
      expect(discounted[0]!.body.payment.couponId).toBe(coupon);
      expect(discounted[0]!.body.payment.deduction).toEqual(cny(100));
      expect(await balance(api, bob)).toBe(before - 900);
      expect((await coupons(api, bob)).find((c) => c.id === coupon).state).toBe('redeemed');
    }
  });

  it('a customer who taps "new code" six times at once gets six codes, of which only the last one lives and holds the coupon', async () => {
    const coupon = await freshCoupon('bob');
    const before = await balance(api, bob);
    // Sent together, these are issued in one group (paycodes/issuer.ts): the first with the group, the rest alone.
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.request('POST', '/api/paycodes', { token: bob, body: { couponId: coupon } })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);

    const paid = await Promise.all(answers.map((a) => pay(api, cafe, a.body.code, 1000)));
    expect(count(paid, 201)).toBe(1);
    const winner = paid.find((p) => p.status === 201)!;
    expect(winner.body.payment.couponId).toBe(coupon);
    expect(winner.body.payment.deduction).toEqual(cny(100));
    for (const p of paid.filter((x) => x.status !== 201)) expect(p.body.payment.reason).toBe('CODE_EXPIRED');
    expect(await balance(api, bob)).toBe(before - 900);
  });

  it.runIf(dialect === 'postgres')('a customer row held by another server stalls only the code requests grouped with it, not those after', async () => {
    const aliceId = (await api.request('GET', '/api/me', { token: alice })).body.customerId;
    const other = new pg.Client({ connectionString: api.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from customers where id = $1 for no key update', [aliceId]);
      // Alice's and Bob's requests, asked in the same turn of the event loop, form one group, which waits for
      // alice's row.
      const bobId = (await api.request('GET', '/api/me', { token: bob })).body.customerId;
      const { paycodes } = api.deps;
      const grouped = Promise.all([paycodes.issue({ customerId: aliceId, couponId: null }), paycodes.issue({ customerId: bobId, couponId: null })]);
      await new Promise((r) => setTimeout(r, 50));
      // Carol's comes a moment later and goes in a group of its own, beside the waiting one.
      const later = api.request('POST', '/api/paycodes', { token: carol, body: {} });
      const first = await Promise.race([later.then((a) => a.status), new Promise((r) => setTimeout(() => r('still waiting'), 5_000))]);
      expect(first).toBe(201);
      await other.query('commit');
      expect((await grouped).map((issued) => issued.code)).toHaveLength(2);
    } finally {
      await other.end();
    }
  });

  it('code requests of many customers at once each get their own live code, and a bad coupon spoils none of the others', async () => {
    const coupon = await freshCoupon('bob');
    const requests = [
      { token: alice, body: {} },
      { token: bob, body: { couponId: coupon } },
      { token: carol, body: { couponId: coupon } }, // bob's coupon: answered like a missing one
      { token: carol, body: { couponId: 'cpn_does_not_exist' } },
      { token: alice, body: {} },
    ];
    const answers = await Promise.all(requests.map((r) => api.request('POST', '/api/paycodes', r)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 404, 404, 201]);
    const [aliceFirst, bobs, , , aliceSecond] = answers;
    expect((await pay(api, cafe, aliceFirst!.body.code, 100)).body.payment.reason).toBe('CODE_EXPIRED');
    expect((await pay(api, cafe, aliceSecond!.body.code, 100)).status).toBe(201);
    const bobPaid = await pay(api, cafe, bobs!.body.code, 1000);
    expect(bobPaid.status).toBe(201);
    expect(bobPaid.body.payment.deduction).toEqual(cny(100));
  });

  it('a code paid while the customer asks for a new one stays used: shown again or synced from an offline till, it is refused', async () => {
    for (let round = 0; round < 8; round++) {
      const first = await newCode(api, bob);
      api.clock.advance(500);
      // Another till scanned the same code while offline, before anyone paid with it; its queue syncs later.
      const queuedScan = { scannedAt: iso(api.clock.now()) };
      api.clock.advance(500);
      const before = await balance(api, bob);
      const [paid, reissued] = await Promise.all([pay(api, cafe, first, 100), api.request('POST', '/api/paycodes', { token: bob, body: {} })]);
      expect(reissued.status).toBe(201);
      if (paid.status !== 201) {
        // The new code came first and retired this one; the offline scan from before that still counts (DESIGN.md).
        expect(paid.body.payment.reason).toBe('CODE_EXPIRED');
        const queued = await pay(api, books, first, 100, queuedScan);
        expect(queued.status).toBe(201);
        expect(await balance(api, bob)).toBe(before - 100);
        continue;
      }
      // The code paid; asking for a new code must not turn it back into a merely retired one.
      const again = await pay(api, books, first, 100);
      expect(again.status).toBe(402);
      expect(again.body.payment.reason).toBe('CODE_USED');
      const queued = await pay(api, books, first, 100, queuedScan);
      expect(queued.status).toBe(402);
      expect(queued.body.payment.reason).toBe('CODE_USED');
      // The same queued scan inside an offline batch must not sink the batch's other, good payment.
      const other = await newCode(api, alice);
      const batch = await api.request('POST', '/api/payments/batch', {
        token: books,
        body: {
          terminalId: `race-${round}`,
          items: [
            { idempotencyKey: newKey(), code: other, amount: cny(200), scannedAt: iso(api.clock.now()) },
            { idempotencyKey: newKey(), code: first, amount: cny(100), ...queuedScan },
          ],
        },
      });
      expect(batch.status).toBe(200);
      expect(batch.body.results.map((r: any) => r.status)).toEqual(['succeeded', 'declined']);
      expect(await balance(api, bob)).toBe(before - 100);
    }
  });

  it('50 payments drawing on one 20.00 wallet at once never take it below zero nor decline what it could cover', async () => {
    // One customer has one live code, so 50 payments from one wallet at once need 50 codes that are all valid.
    // Offline scans give exactly that (DESIGN.md "Offline cashier"): a code counts as valid at its scan time
    // until a newer code retires it. So carol asks for 50 codes one after another (each retiring the last), a
    // till scans each while it is live, and then all 50 queued scans reach the server at the same moment —
    // 50 different codes, 50 keys, two shops, one contended wallet.
    const start = await balance(api, carol);
    expect(start).toBe(2000);
    const scans: { code: string; scannedAt: string; amount: number }[] = [];
    for (let k = 0; k < 50; k++) {
      const code = await newCode(api, carol);
      api.clock.advance(1000);
      scans.push({ code, scannedAt: iso(api.clock.now()), amount: 50 + ((k * 37) % 101) }); // 50..150, ~5000 in all
      api.clock.advance(1000);
    }

    const answers = await Promise.all(scans.map((s, k) => pay(api, k % 2 ? cafe : books, s.code, s.amount, { scannedAt: s.scannedAt })));

    const paid = answers.filter((a) => a.status === 201);
    const declined = answers.filter((a) => a.status === 402);
    expect(paid.length + declined.length).toBe(50);
    for (const a of declined) expect(a.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
    // Really contended: the wallet covered some of them and not all.
    expect(paid.length).toBeGreaterThan(0);
    expect(declined.length).toBeGreaterThan(0);
    const spent = paid.reduce((sum, a) => sum + a.body.payment.charged.amount, 0);
    const left = await balance(api, carol);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBe(start - spent);
    // The balance only fell during the race, so a payment declined for want of money asked for more than is
    // left even now; one that fits into what is left was declined wrongly.
    for (const a of declined) expect(a.body.payment.amount.amount).toBeGreaterThan(left);
  });

  it('a campaign with 5 coupons in stock, granted 50 times at once, gives out exactly 5', async () => {
    const created = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'Five only', rule: { kind: 'fixed', off: 300 }, validUntil: iso(api.clock.now() + 30 * 86_400_000), stock: 5 },
    });
    expect(created.status).toBe(201);
    const id = created.body.campaign.id;
    const handles = ['alice', 'bob', 'carol'];

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.request('POST', `/api/campaigns/${id}/grants`, { token: owner, key: newKey(), body: { customer: handles[i % 3] } }),
      ),
    );

    expect(count(answers, 201)).toBe(5);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(45);
    for (const a of refused) {
      expect(a.status).toBe(409);
      expect(a.body.error.code).toBe('OUT_OF_STOCK');
    }
    const listed = await api.request('GET', '/api/campaigns', { token: owner });
    expect(listed.body.campaigns.find((c: any) => c.id === id).issued).toBe(5);
    let held = 0;
    for (const token of [alice, bob, carol]) held += (await coupons(api, token)).filter((c) => c.campaignId === id).length;
    expect(held).toBe(5);
  });

  it('a one-per-customer campaign granted 20 times at once to the same customer gives them exactly one', async () => {
    const created = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'One each', rule: { kind: 'percent', percent: 10 }, validUntil: iso(api.clock.now() + 30 * 86_400_000), perCustomerLimit: 1 },
    });
    expect(created.status).toBe(201);
    const id = created.body.campaign.id;

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.request('POST', `/api/campaigns/${id}/grants`, { token: owner, key: newKey(), body: { customer: 'carol' } })),
    );

    expect(count(answers, 201)).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.error.code).toBe('LIMIT_REACHED');
    }
    expect((await coupons(api, carol)).filter((c) => c.campaignId === id)).toHaveLength(1);
  });

  it('a till that sends the same payment twice at once (same key, same body) is charged once', async () => {
    const before = await balance(api, bob);
    const listedBefore = (await customerPayments(api, bob)).length;
    const code = await newCode(api, bob);
    const key = newKey();

    const answers = await Promise.all(Array.from({ length: 10 }, () => pay(api, cafe, code, 2500, {}, key)));

    const executed = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true');
    expect(executed).toHaveLength(1);
    const paymentId = executed[0]!.body.payment.id;
    for (const a of answers) {
      if (a === executed[0]) continue;
      if (a.status === 409) expect(a.body.error.code).toBe('IN_PROGRESS');
      else {
        // A repeat that came after the first finished is its replay: the same payment, not a new one.
        expect(a.status).toBe(201);
        expect(a.headers.get('idempotent-replayed')).toBe('true');
        expect(a.body.payment.id).toBe(paymentId);
      }
    }
    expect(await balance(api, bob)).toBe(before - 2500);
    expect((await customerPayments(api, bob)).length - listedBefore).toBe(1);
    // And the retry the till makes once the network is back gets the same answer, still without charging again.
    const retry = await pay(api, cafe, code, 2500, {}, key);
    expect(retry.status).toBe(201);
    expect(retry.body.payment.id).toBe(paymentId);
    expect(await balance(api, bob)).toBe(before - 2500);
  });

  it('a payment sent alone and, at the same moment, again inside an offline batch is charged once', async () => {
    // The tablet sent the charge, lost the answer, queued it, and its outbox sync fires while the first request
    // is still running: same key, same intent, two routes.
    const before = await balance(api, bob);
    const code = await newCode(api, bob);
    const key = newKey();
    const scannedAt = iso(api.clock.now());

    const [alone, batch] = await Promise.all([
      pay(api, cafe, code, 1700, { scannedAt }, key),
      api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 'till-1', items: [{ idempotencyKey: key, code, amount: cny(1700), scannedAt }] } }),
    ]);

    expect(batch.status).toBe(200);
    const item = batch.body.results[0];
    expect(item.status).toBe('succeeded');
    if (alone.status === 409) expect(alone.body.error.code).toBe('IN_PROGRESS');
    else {
      expect(alone.status).toBe(201);
      expect(alone.body.payment.id).toBe(item.payment.id);
    }
    expect(await balance(api, bob)).toBe(before - 1700);
  });

  it('one key sent at once with two different amounts charges at most one of them', async () => {
    const before = await balance(api, bob);
    const code = await newCode(api, bob);
    const key = newKey();

    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => pay(api, cafe, code, i % 2 ? 700 : 900, {}, key)));

    const executed = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true');
    expect(executed).toHaveLength(1);
    const charged = executed[0]!.body.payment.amount.amount;
    for (const a of answers) {
      if (a === executed[0]) continue;
      if (a.status === 201) expect(a.body.payment.amount.amount).toBe(charged);
      else {
        expect(a.status).toBe(409);
        expect(['IN_PROGRESS', 'IDEMPOTENCY_MISMATCH']).toContain(a.body.error.code);
      }
    }
    expect(await balance(api, bob)).toBe(before - charged);
  });

  it('a top-up sent five times at once with one key adds the money once', async () => {
    const before = await balance(api, carol);
    const key = newKey();

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.request('POST', '/api/wallet/topups', { token: carol, key, body: { amount: cny(10_000) } })),
    );

    for (const a of answers) {
      if (a.status === 409) expect(a.body.error.code).toBe('IN_PROGRESS');
      else {
        expect(a.status).toBe(201);
        expect(a.body.balance).toEqual(cny(before + 10_000));
      }
    }
    expect(count(answers, 201)).toBeGreaterThan(0);
    expect(await balance(api, carol)).toBe(before + 10_000);
  });

  it('in a rush of payments, each till gets its own right answer: a bad one spoils none of the others', async () => {
    // Concurrent payments may settle together in one transaction (group commit); each must still stand alone.
    const customers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const handle = `rush-${dialect}-${i}`;
      expect((await api.request('POST', '/api/customers', { body: { handle, pin: '4567' } })).status).toBe(201);
      const token = await api.signIn('customer', handle, '4567');
      expect((await api.request('POST', '/api/wallet/topups', { token, key: newKey(), body: { amount: cny(1000) } })).status).toBe(201);
      customers.push(token);
    }
    const [payer, short, twice, early] = customers as [string, string, string, string];
    const codes = await Promise.all(customers.map((t) => newCode(api, t)));
    const key = newKey();
    const future = iso(api.clock.now() + 3_600_000);

    const [paid, repeat, tooMuch, firstScan, secondScan, fromTheFuture, unknownA, unknownB] = await Promise.all([
      pay(api, cafe, codes[0]!, 400, {}, key),
      pay(api, cafe, codes[0]!, 400, {}, key),
      pay(api, books, codes[1]!, 5000),
      pay(api, cafe, codes[2]!, 300),
      pay(api, books, codes[2]!, 300),
      pay(api, cafe, codes[3]!, 200, { scannedAt: future }),
      pay(api, books, '880000000000000777', 100),
      pay(api, cafe, '880000000000000778', 100),
    ]);

    // The same intent sent twice: one of the two settles, the other waits its turn or replays it.
    const settled = [paid, repeat].filter((a) => a.status === 201);
    expect(settled.length).toBeGreaterThan(0);
    expect(new Set(settled.map((a) => a.body.payment.id)).size).toBe(1);
    expect(settled[0]!.body.payment.charged).toEqual(cny(400));
    for (const a of [paid, repeat].filter((x) => x.status !== 201)) expect(a.body.error.code).toBe('IN_PROGRESS');
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
    expect([firstScan.status, secondScan.status].sort()).toEqual([201, 402]);
    expect([firstScan, secondScan].find((a) => a.status === 402)!.body.payment.reason).toBe('CODE_USED');
    expect(fromTheFuture.status).toBe(400);
    expect(fromTheFuture.body.error.field).toBe('scannedAt');
    for (const a of [unknownA, unknownB]) expect(a.body.payment.reason).toBe('CODE_UNKNOWN');

    expect(await balance(api, payer)).toBe(600);
    expect(await balance(api, short)).toBe(1000);
    expect(await balance(api, twice)).toBe(700);
    expect(await balance(api, early)).toBe(1000);
    // The refused request left the code live: the till scans it again and it pays.
    expect((await pay(api, cafe, codes[3]!, 200)).status).toBe(201);
  });

  it('ten full refunds of one payment pressed at once give the money back once', async () => {
    const before = await balance(api, alice);
    const paid = await pay(api, books, await newCode(api, alice), 3000);
    expect(paid.status).toBe(201);
    const id = paid.body.payment.id;

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.request('POST', `/api/payments/${id}/refunds`, { token: books, key: newKey(), body: {} })),
    );

    expect(count(answers, 201)).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(422);
      expect(a.body.error.code).toBe('REFUND_EXCEEDS_PAYMENT');
    }
    expect(await balance(api, alice)).toBe(before);
    const shown = await api.request('GET', `/api/payments/${id}`, { token: books });
    expect(shown.body.payment.status).toBe('refunded');
    expect(shown.body.payment.refunded).toEqual(cny(3000));
    expect(shown.body.refunds).toHaveLength(1);
  });

  it('partial refunds pressed at once never refund more than was paid', async () => {
    const before = await balance(api, alice);
    const paid = await pay(api, cafe, await newCode(api, alice), 1000);
    expect(paid.status).toBe(201);
    const id = paid.body.payment.id;

    // Eight refunds of 3.00 against a payment of 10.00: three fit, the fourth would exceed it.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.request('POST', `/api/payments/${id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(300) } })),
    );

    expect(count(answers, 201)).toBe(3);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.error.code).toBe('REFUND_EXCEEDS_PAYMENT');
    const shown = await api.request('GET', `/api/payments/${id}`, { token: cafe });
    expect(shown.body.payment.refunded).toEqual(cny(900));
    expect(shown.body.payment.status).toBe('partially_refunded');
    expect(await balance(api, alice)).toBe(before - 100);
  });
});

/**
 * Two API servers on one PostgreSQL database, as production runs them. Each server settles its own concurrent
 * payments together in one transaction (group commit), so within one server they never race in the database;
 * across servers they do, and only the database's locks keep the counts right. The second server is a second
 * set of deps (own pool, own settler, own event bus) in this process, on the same database and clock.
 */
describe.each(dialects.filter((d) => d === 'postgres'))('races across two servers on one %s database', (dialect) => {
  let api: TestApi;
  let other: Awaited<ReturnType<typeof startDeps>>;
  let otherApp: ReturnType<typeof createApp>;
  let cafe: string;
  let books: string;
  let owner: string;
  let alice: string;
  let carol: string;

  /** The same request as the harness's, sent to the second server. */
  async function viaOther(method: string, path: string, options: { token?: string; key?: string; body?: unknown } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    const res = await otherApp.request(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }
  const payOther = (token: string, code: string, amount: number, extra: Record<string, unknown> = {}, key = newKey()) =>
    viaOther('POST', '/api/payments', { token, key, body: { code, amount: cny(amount), ...extra } });

  beforeAll(async () => {
    api = await startTestApi(dialect);
    other = await startDeps({ ...api.deps.config, demo: false }, api.clock);
    otherApp = createApp(other);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
    carol = await api.signIn('customer', 'carol', '3333');
  });
  useInvariantCheck(() => api);
  // Registered after the invariant check, so it runs before it (after-hooks run in reverse).
  afterAll(async () => {
    await other?.stop();
  });

  it('signing out on one server ends the session on the other, which had it cached, without waiting for its cache to age', async () => {
    const phone = await api.signIn('customer', 'alice', '1111');
    expect((await viaOther('GET', '/api/me', { token: phone })).status).toBe(200); // the other server now holds a copy
    expect((await api.request('DELETE', '/api/sessions/current', { token: phone })).status).toBe(204);
    // The test clock stands still, so the copy never ages out here: only the sign-out notice (LISTEN/NOTIFY) can
    // end it. It travels asynchronously; wait for it with a generous deadline.
    let status = 200;
    for (const deadline = Date.now() + 5_000; status === 200 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      status = (await viaOther('GET', '/api/me', { token: phone })).status;
    }
    expect(status).toBe(401);
    expect((await viaOther('GET', '/api/wallet', { token: phone })).status).toBe(401);
  });

  it('a customer asking for codes on both servers at once ends up with one live code, which holds the coupon', async () => {
    const coupon = await couponId(api, carol, 'fixed');
    const ask = (i: number) =>
      i % 2 ? api.request('POST', '/api/paycodes', { token: carol, body: { couponId: coupon } }) : viaOther('POST', '/api/paycodes', { token: carol, body: { couponId: coupon } });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i)));
    // Each server issues its requests as a group; the customer's row orders the two groups and their members.
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const paid = await Promise.all(answers.map((a, i) => (i % 2 ? pay(api, cafe, a.body.code, 1000) : payOther(cafe, a.body.code, 1000))));
    expect(count(paid, 201)).toBe(1);
    expect(paid.find((p) => p.status === 201)!.body.payment.couponId).toBe(coupon);
    for (const p of paid.filter((x) => x.status !== 201)) expect(p.body.payment.reason).toBe('CODE_EXPIRED');
  });

  for (const alongside of [false, true]) {
    it(`a coupon redeemed by an offline sale of an old code, while its owner asks for a new code with it, is not held again (${alongside ? 'in a group' : 'alone'})`, async () => {
      const coupon = await couponId(api, alice, alongside ? 'percent' : 'fixed');
      const scannedAt = api.clock.now();
      const old = await newCode(api, alice, coupon); // scanned offline at once, synced later
      api.clock.advance(5_000);
      await newCode(api, alice); // retires the old code: the coupon is free again
      const wallet = (await api.request('GET', '/api/wallet', { token: alice })).body.accountId;
      // Another connection holds alice's wallet row, so the sync stops after it has locked the coupon.
      const locker = new pg.Client({ connectionString: api.databaseUrl });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('select id from accounts where id = $1 for update', [wallet]);
        const synced = pay(api, cafe, old, 1000, { scannedAt: iso(scannedAt + 1) });
        await new Promise((r) => setTimeout(r, 300));
        const asked = api.request('POST', '/api/paycodes', { token: alice, body: { couponId: coupon } });
        if (alongside) void api.request('POST', '/api/paycodes', { token: carol, body: {} });
        await new Promise((r) => setTimeout(r, 300));
        await locker.query('commit');
        const [sale, code] = await Promise.all([synced, asked]);
        expect(sale.status).toBe(201);
        expect(sale.body.payment.couponId).toBe(coupon);
        expect(code.status).toBe(409);
        expect(code.body.error.code).toBe('COUPON_NOT_AVAILABLE');
      } finally {
        await locker.end();
      }
    });
  }

  it('a code scanned at tills on both servers at once pays exactly once', async () => {
    const before = await balance(api, alice);
    const code = await newCode(api, alice);

    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? pay(api, cafe, code, 999) : payOther(books, code, 999))));

    expect(count(answers, 201)).toBe(1);
    const declined = answers.filter((a) => a.status !== 201);
    expect(declined).toHaveLength(29);
    for (const a of declined) {
      expect(a.status).toBe(402);
      expect(a.body.payment.reason).toBe('CODE_USED');
    }
    expect(await balance(api, alice)).toBe(before - 999);
  });

  it('one wallet drawn on through both servers at once never goes below zero nor declines what it could cover', async () => {
    // As in the single-server test: codes each scanned offline while they were carol's live code, synced at
    // once, half through each server. Whether the two servers' transactions overlap on the wallet is up to
    // timing, so this runs three rounds (2,000 to start, then a top-up of 1,500 each), each asking for ~3,500.
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        const topUp = await api.request('POST', '/api/wallet/topups', { token: carol, key: newKey(), body: { amount: cny(1500) } });
        expect(topUp.status).toBe(201);
      }
      const start = await balance(api, carol);
      const scans: { code: string; scannedAt: string; amount: number }[] = [];
      for (let k = 0; k < 24; k++) {
        const code = await newCode(api, carol);
        api.clock.advance(1000);
        scans.push({ code, scannedAt: iso(api.clock.now()), amount: 100 + ((k * 53) % 97) }); // ~3,500 in all
        api.clock.advance(1000);
      }

      const answers = await Promise.all(
        scans.map((s, k) => (k % 2 ? pay(api, cafe, s.code, s.amount, { scannedAt: s.scannedAt }) : payOther(books, s.code, s.amount, { scannedAt: s.scannedAt }))),
      );

      const paid = answers.filter((a) => a.status === 201);
      const declined = answers.filter((a) => a.status === 402);
      expect(answers.map((a) => a.status).filter((st) => st !== 201 && st !== 402)).toEqual([]);
      for (const a of declined) expect(a.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
      expect(paid.length).toBeGreaterThan(0);
      expect(declined.length).toBeGreaterThan(0);
      const left = await balance(api, carol);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBe(start - paid.reduce((sum, a) => sum + a.body.payment.charged.amount, 0));
      for (const a of declined) expect(a.body.payment.amount.amount).toBeGreaterThan(left);
    }
  });

  it('one payment sent to one server and, at once, in an offline batch to the other is charged once', async () => {
    for (let round = 0; round < 3; round++) {
      const before = await balance(api, alice);
      const code = await newCode(api, alice);
      const key = newKey();
      const scannedAt = iso(api.clock.now());

      const [alone, batch] = await Promise.all([
        pay(api, cafe, code, 650, { scannedAt }, key),
        viaOther('POST', '/api/payments/batch', { token: cafe, body: { terminalId: 'till-2', items: [{ idempotencyKey: key, code, amount: cny(650), scannedAt }] } }),
      ]);

      expect(alone.status).toBe(201);
      expect(batch.status).toBe(200);
      expect(batch.body.results[0].status).toBe('succeeded');
      expect(batch.body.results[0].payment.id).toBe(alone.body.payment.id);
      expect(await balance(api, alice)).toBe(before - 650);
    }
  });

  it('a campaign with 5 in stock granted 40 times through both servers gives out exactly 5', async () => {
    const created = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'Five across', rule: { kind: 'fixed', off: 200 }, validUntil: iso(api.clock.now() + 86_400_000), stock: 5 },
    });
    expect(created.status).toBe(201);
    const id = created.body.campaign.id;

    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const options = { token: owner, key: newKey(), body: { customer: i % 2 ? 'alice' : 'carol' } };
        return i % 2 ? api.request('POST', `/api/campaigns/${id}/grants`, options) : viaOther('POST', `/api/campaigns/${id}/grants`, options);
      }),
    );

    expect(count(answers, 201)).toBe(5);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.error.code).toBe('OUT_OF_STOCK');
  });

  // The in-flight guard for idempotency keys lives in the process, and both servers share this one, so most
  // repeats here are answered IN_PROGRESS; any that get through must meet the database's key and replay.
  it('one refund key pressed on both servers at once refunds once', async () => {
    const before = await balance(api, alice);
    const paid = await pay(api, cafe, await newCode(api, alice), 1500);
    expect(paid.status).toBe(201);
    const path = `/api/payments/${paid.body.payment.id}/refunds`;
    const key = newKey();

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? api.request('POST', path, { token: cafe, key, body: { amount: cny(500) } }) : viaOther('POST', path, { token: cafe, key, body: { amount: cny(500) } }))),
    );

    const refundIds = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.refund.id));
    expect(refundIds.size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.error.code).toBe('IN_PROGRESS');
    }
    expect(await balance(api, alice)).toBe(before - 1000);
  });
});
