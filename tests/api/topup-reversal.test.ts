import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { externalAccountId } from '../../api/ledger/system-accounts.js';
import { balance, cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A manager takes back a counter top-up keyed wrong (¥1,000 for ¥100, or the wrong customer's code): the whole
 * amount leaves the wallet for the external account it came from, the shop's reports count the cash paid back out
 * when it was, and the customer's history says so. Refused, changing nothing: not a manager, another shop's or an
 * unknown top-up, one reversed already, a wallet that no longer holds the amount.
 */
describe.each(dialects)('reversing a counter top-up on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let bookshop: string;
  let bob: string;
  let carol: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ cafe, owner: manager, books: bookshop, bob, carol } = await signInDemo(api, 'cafe', 'owner', 'books', 'bob', 'carol'));
  });
  useInvariantCheck(() => api);

  const topUp = async (customer: string, amount: number, token = cafe) => {
    const res = await api.request('POST', '/api/topups', { token, key: newKey(), body: { code: await newCode(api, customer), amount: cny(amount) } });
    expect(res.status).toBe(201);
    return res.body.topUp as { id: string; amount: { amount: number } };
  };
  const reverse = (id: string, token = manager, key = newKey()) => api.request('POST', `/api/topups/${id}/reversal`, { token, key, body: {} });
  const external = async () =>
    Number((await api.deps.db.kysely.selectFrom('accounts').select('balance').where('id', '=', externalAccountId('CNY')).executeTakeFirstOrThrow()).balance);
  const x = async () => (await api.request('GET', '/api/reports/x', { token: manager })).body.figures;
  const list = async (token = cafe) => (await api.request('GET', '/api/topups', { token })).body;
  /** Every count a reversal could change, to show a refused one changed none of them. */
  const everything = async () => ({
    bob: await balance(api, bob),
    carol: await balance(api, carol),
    external: await external(),
    x: await x(),
    list: await list(),
    history: (await api.request('GET', '/api/wallet/topups', { token: bob })).body,
    reversals: (await api.deps.db.kysely.selectFrom('counter_topup_reversals').selectAll().execute()).length,
  });

  it('takes the whole top-up back off the wallet to the external account, lists it reversed, and answers a repeat the same', async () => {
    // Ids are ordered by the millisecond: the demo's opening top-up was made at the clock's start.
    api.clock.advance(1_000);
    const wrong = await topUp(bob, 100_000);
    const takenAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(1_000);
    const before = { bob: await balance(api, bob), external: await external(), x: await x() };
    const key = newKey();
    const res = await reverse(wrong.id, manager, key);
    expect(res.status).toBe(201);
    const at = new Date(api.clock.now()).toISOString();
    expect(res.body.topUp).toEqual({ id: wrong.id, amount: cny(100_000), customer: { handle: 'bob' }, cashier: 'cashier-1', at: takenAt, reversal: { id: expect.any(String), at, by: 'owner' } });
    expect(await balance(api, bob)).toBe(before.bob - 100_000);
    expect(await external()).toBe(before.external + 100_000);
    expect((await checkInvariants(api.deps.db.kysely)).violations).toEqual([]);

    // The same key again: the first answer, nothing moved twice. The same key for another top-up: a mismatch.
    const again = await reverse(wrong.id, manager, key);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(again.body).toEqual(res.body);
    api.clock.advance(1_000);
    const other = await topUp(bob, 500);
    expect((await reverse(other.id, manager, key)).body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await balance(api, bob)).toBe(before.bob - 100_000 + 500);

    // Any cashier of the shop sees today's top-ups, the reversed one marked.
    const listed = (await list(cafe)).topUps;
    expect(listed.map((t: any) => [t.id, t.customer.handle, t.cashier, t.amount.amount, t.reversal?.by ?? null])).toEqual([
      [other.id, 'bob', 'cashier-1', 500, null],
      [wrong.id, 'bob', 'cashier-1', 100_000, 'owner'],
    ]);

    // The customer's history: the top-up and its reversal, named by the shop.
    const history = (await api.request('GET', '/api/wallet/topups', { token: bob })).body.topups;
    expect(history.slice(0, 3).map((t: any) => [t.amount.amount, t.shop, t.reversal])).toEqual([
      [500, 'Demo Café', false],
      [100_000, 'Demo Café', true],
      [100_000, 'Demo Café', false],
    ]);

    // The till paid the cash back: the X report counts the reversal apart, the manager's line holds it.
    const after = await x();
    expect(after).toMatchObject({ topUpCount: before.x.topUpCount + 1, topUpReversalCount: 1, topUpsReversed: cny(100_000) });
    expect(after.byCashier.find((r: any) => r.handle === 'owner')).toMatchObject({ topUpReversalCount: 1, topUpsReversed: cny(100_000) });
  });

  it('refuses a cashier, a customer, another shop, an unknown top-up, a second reversal and a spent wallet, and changes nothing', async () => {
    const spent = await topUp(carol, 3_000);
    const reversed = await topUp(bob, 200);
    expect((await reverse(reversed.id)).status).toBe(201);
    const books = await topUp(bob, 300, bookshop);
    // Carol spends most of the top-up: her wallet holds less than it.
    const paid = await pay(api, cafe, await newCode(api, carol), 4_000);
    expect(paid.status).toBe(201);
    const holds = await balance(api, carol);
    expect(holds).toBe(1_000);
    const before = await everything();
    const refusals: [string, Awaited<ReturnType<typeof reverse>>, number, string][] = [
      ['a cashier', await reverse(spent.id, cafe), 403, 'FORBIDDEN'],
      ['a customer', await reverse(spent.id, bob), 403, 'FORBIDDEN'],
      ["another shop's", await reverse(books.id), 404, 'NOT_FOUND'],
      ['unknown', await reverse('ctu_nosuchtopup'), 404, 'NOT_FOUND'],
      ['reversed already', await reverse(reversed.id), 409, 'ALREADY_REVERSED'],
      ['no key', await api.request('POST', `/api/topups/${spent.id}/reversal`, { token: manager, body: {} }), 400, 'INVALID_REQUEST'],
      ['a field of its own', await api.request('POST', `/api/topups/${spent.id}/reversal`, { token: manager, key: newKey(), body: { amount: cny(100) } }), 400, 'INVALID_REQUEST'],
    ];
    const wallet = await reverse(spent.id);
    refusals.push(['the wallet spent', wallet, 409, 'WALLET_SPENT']);
    for (const [what, res, status, code] of refusals) expect([what, res.status, res.body?.error?.code]).toEqual([what, status, code]);
    // Says how much the wallet holds.
    expect(wallet.body.balance).toEqual(cny(holds));
    expect(wallet.body.error.message).toContain(`${holds} minor units`);
    expect(await everything()).toEqual(before);
    expect((await checkInvariants(api.deps.db.kysely)).violations).toEqual([]);
    // Refused, not stored: once the wallet holds the amount again, the same top-up is reversed.
    const back = await topUp(carol, 2_000);
    expect((await reverse(spent.id)).status).toBe(201);
    expect(await balance(api, carol)).toBe(holds + 2_000 - 3_000);
    expect(back.id).not.toBe(spent.id);
  });

  it('reverses a top-up once when two managers press at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const t = await topUp(bob, 1_000 + round);
      const before = await balance(api, bob);
      const answers = await Promise.all([reverse(t.id), reverse(t.id), reverse(t.id)]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
      for (const a of answers.filter((r) => r.status === 409)) expect(a.body.error.code).toBe('ALREADY_REVERSED');
      expect(await balance(api, bob)).toBe(before - (1_000 + round));
    }
    const rows = await api.deps.db.kysely.selectFrom('transfers').select('id').where('kind', '=', 'topup_reversal').execute();
    const reversals = await api.deps.db.kysely.selectFrom('counter_topup_reversals').select('id').execute();
    expect(rows.length).toBe(reversals.length);
    expect((await checkInvariants(api.deps.db.kysely)).violations).toEqual([]);
  });

  it("counts a reversal of a top-up closed in an earlier Z report in the next Z, as cash paid out then; Day's CSV says it", async () => {
    const t = await topUp(bob, 7_000);
    const z1 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z1.status).toBe(201);
    expect(z1.body.report.figures.topUps.amount).toBeGreaterThanOrEqual(7_000);
    api.clock.advance(1_000);
    expect((await reverse(t.id)).status).toBe(201);
    expect(await x()).toMatchObject({ topUpCount: 0, topUps: cny(0), topUpReversalCount: 1, topUpsReversed: cny(7_000) });
    const z2 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z2.body.report.figures).toMatchObject({ topUpCount: 0, topUpReversalCount: 1, topUpsReversed: cny(7_000) });
    // The first Z is as it was closed.
    expect((await api.request('GET', `/api/reports/z/${z1.body.report.number}`, { token: manager })).body.report.figures).toEqual(z1.body.report.figures);
    const day = (await api.request('GET', '/api/reports/daily', { token: manager })).body;
    expect(day.topUpReversalCount).toBeGreaterThanOrEqual(1);
    for (const [path, line] of [
      ['/api/reports/daily?format=csv', '\r\nTop-ups reversed (cash paid back),'],
      [`/api/reports/z/${z2.body.report.number}?format=csv&lang=zh`, '\r\n已撤销充值（退还现金）,7000,70.00\r\n'],
    ] as const) {
      expect((await api.request('GET', path, { token: manager })).body).toContain(line);
    }
  });

  it("tells the customer's phone and the shop's tills once, so they read the balance and Today's line again", async () => {
    const app = createApp(api.deps);
    const open = async (token: string) => (await app.request('/api/events', { headers: { authorization: `Bearer ${token}` } })).body!.getReader();
    const readers = { phone: await open(bob), till: await open(cafe) };
    const t = await topUp(bob, 4_321);
    const toppedUp = { amount: 4_321, at: new Date(api.clock.now()).toISOString() };
    api.clock.advance(1_000);
    const key = newKey();
    expect((await reverse(t.id, manager, key)).status).toBe(201);
    expect((await reverse(t.id, manager, key)).headers.get('idempotent-replayed')).toBe('true');
    const marker = await pay(api, cafe, await newCode(api, bob), 100);
    const heard: Record<string, unknown[]> = {};
    for (const who of ['phone', 'till'] as const) {
      let text = '';
      while (!text.includes(`"id":"${marker.body.payment.id}"`)) text += new TextDecoder().decode((await readers[who].read()).value);
      await readers[who].cancel();
      heard[who] = [...text.matchAll(/event: topup\ndata: (.*)\n/g)].map(([, data]) => JSON.parse(data!));
    }
    const event = { amount: 4_321, at: new Date(api.clock.now()).toISOString(), reversed: true };
    expect(heard).toEqual({ phone: [toppedUp, event], till: [toppedUp, event] });
  });
});
