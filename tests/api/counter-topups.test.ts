import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { externalAccountId } from '../../api/ledger/system-accounts.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { AMOUNT_MAX_MINOR } from '../../api/money.js';
import { balance, cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A customer hands the cashier cash and the cashier puts it on their wallet, naming it by the payment code the
 * customer shows: the wallet and the external funding account move (the ledger stays whole), the code is not used
 * up, and the shop's Day, X and Z reports count the cash, by cashier too. With TOPUPS=0, as a shop whose customers
 * cannot top up in the app runs: that switch is for the simulated top-up only.
 */
describe.each(dialects)('a top-up at the counter on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let bookshop: string;
  let bob: string;
  beforeAll(async () => {
    api = await startTestApi(dialect, { topups: false });
    ({ cafe, owner: manager, books: bookshop, bob } = await signInDemo(api, 'cafe', 'owner', 'books', 'bob'));
  });
  useInvariantCheck(() => api);

  const topUp = (code: string, amount: number, token = cafe, key = newKey(), extra: Record<string, unknown> = {}) =>
    api.request('POST', '/api/topups', { token, key, body: { code, amount: cny(amount), ...extra } });
  const external = async () =>
    Number((await api.deps.db.kysely.selectFrom('accounts').select('balance').where('id', '=', externalAccountId('CNY')).executeTakeFirstOrThrow()).balance);
  const x = async (token = cafe) => (await api.request('GET', '/api/reports/x', { token })).body.figures;
  /** Every count the ledger and the reports keep, to show a refused request changed none of them. */
  const everything = async () => ({ bob: await balance(api, bob), external: await external(), x: await x(manager), topups: (await api.request('GET', '/api/wallet/topups', { token: bob })).body });

  it('puts the cash on the wallet from the external account, names the customer and the shop, and leaves the code to pay with', async () => {
    expect((await api.request('GET', '/api/wallet', { token: bob })).body.topUps).toBe(false);
    const before = { bob: await balance(api, bob), external: await external(), x: await x() };
    const code = await newCode(api, bob);
    const preview = await api.request('POST', '/api/topups/preview', { token: cafe, body: { code, amount: cny(10_000) } });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ customer: { handle: 'bob' }, amount: cny(10_000) });
    // The preview moved nothing.
    expect(await balance(api, bob)).toBe(before.bob);

    const key = newKey();
    const added = await topUp(code, 10_000, cafe, key);
    expect(added.status).toBe(201);
    expect(added.body.topUp).toEqual({ id: expect.any(String), amount: cny(10_000), customer: { handle: 'bob' }, at: new Date(api.clock.now()).toISOString() });
    expect(await balance(api, bob)).toBe(before.bob + 10_000);
    expect(await external()).toBe(before.external - 10_000);
    expect((await checkInvariants(api.deps.db.kysely)).violations).toEqual([]);

    // A repeated tap: the first answer again, nothing moved twice.
    const again = await topUp(code, 10_000, cafe, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(added.body);
    expect(await balance(api, bob)).toBe(before.bob + 10_000);
    const otherAmount = await topUp(code, 20_000, cafe, key);
    expect([otherAmount.status, otherAmount.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);

    // The customer's history names the shop; their own top-ups name none.
    const history = (await api.request('GET', '/api/wallet/topups', { token: bob })).body.topups;
    expect(history.filter((t: { shop: string | null }) => t.shop !== null)).toEqual([{ id: expect.any(String), amount: cny(10_000), at: added.body.topUp.at, shop: 'Demo Café', reversal: false }]);
    // The demo's opening balance was bob's own top-up: no shop.
    expect(history.find((t: { amount: { amount: number } }) => t.amount.amount === 50_000)).toMatchObject({ shop: null });

    // The code was not used up: bob pays with it right after.
    const paid = await pay(api, cafe, code, 2_500);
    expect(paid.status).toBe(201);
    expect(await balance(api, bob)).toBe(before.bob + 10_000 - 2_500);
    // Used by the payment, it names no one to top up any more.
    const used = await topUp(code, 100);
    expect([used.status, used.body.error.code, used.body.error.field]).toEqual([422, 'CODE_USED', 'code']);

    const after = await x();
    expect(after.topUpCount).toBe(before.x.topUpCount + 1);
    expect(after.topUps).toEqual(cny(before.x.topUps.amount + 10_000));
    // Cash in the till, not a sale: the sales' figures hold only the payment.
    expect(after.amount).toEqual(cny(before.x.amount.amount + 2_500));
    expect(after.settlement).toEqual(cny(before.x.settlement.amount + 2_500));
  });

  it('is counted per cashier in the Day and X reports and their files, and closed by the next Z report', async () => {
    const owner = await topUp(await newCode(api, bob), 5_000, manager);
    expect(owner.status).toBe(201);
    const day = (await api.request('GET', '/api/reports/daily', { token: manager })).body;
    const xs = await x(manager);
    for (const figures of [day, xs]) {
      const byHandle = Object.fromEntries(figures.byCashier.map((r: any) => [r.handle, r]));
      expect(byHandle.owner).toMatchObject({ topUpCount: 1, topUps: cny(5_000), count: 0 });
      expect(byHandle['cashier-1']).toMatchObject({ topUpCount: 1, topUps: cny(10_000) });
      expect(figures).toMatchObject({ topUpCount: 2, topUps: cny(15_000) });
    }
    // A cashier who is not a manager sees the shop's figures and their own line.
    const own = await x(cafe);
    expect(own).toMatchObject({ topUpCount: 2, topUps: cny(15_000) });
    expect(own.byCashier.map((r: any) => [r.handle, r.topUpCount])).toEqual([['cashier-1', 1]]);
    for (const [path, lang, line] of [
      ['/api/reports/daily?format=csv', 'en', '\r\nTop-ups in cash (top-ups),2,\r\nTop-ups in cash,15000,150.00\r\n'],
      ['/api/reports/x?format=csv&lang=zh', 'zh', '\r\n现金充值（笔数）,2,\r\n现金充值,15000,150.00\r\n'],
    ] as const) {
      const csv = await api.request('GET', path, { token: manager });
      expect(csv.body, lang).toContain(line);
    }

    const z = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z.status).toBe(201);
    expect(z.body.report.figures).toMatchObject({ topUpCount: 2, topUps: cny(15_000) });
    expect(z.body.report.figures.byCashier.find((r: any) => r.handle === 'owner')).toMatchObject({ topUpCount: 1, topUps: cny(5_000) });
    const zCsv = await api.request('GET', `/api/reports/z/${z.body.report.number}?format=csv`, { token: manager });
    expect(zCsv.body).toContain('\r\nTop-ups in cash,15000,150.00\r\n');
    // Closed: the next period starts with none, and the next one taken goes into it.
    expect(await x(manager)).toMatchObject({ topUpCount: 0, topUps: cny(0) });
    api.clock.advance(1_000);
    expect((await topUp(await newCode(api, bob), 700)).status).toBe(201);
    expect(await x(manager)).toMatchObject({ topUpCount: 1, topUps: cny(700) });
    const closed = await api.request('GET', `/api/reports/z/${z.body.report.number}`, { token: manager });
    expect(closed.body.report.figures).toEqual(z.body.report.figures);
  });

  it('refuses an unknown, expired, replaced or used code, another shop, a customer and a bad amount, and changes nothing', async () => {
    const live = await newCode(api, bob);
    const before = await everything();
    const refusals: [string, Awaited<ReturnType<typeof topUp>>, number, string][] = [];
    const expect4xx = async (what: string, res: Awaited<ReturnType<typeof topUp>>, status: number, code: string) => refusals.push([what, res, status, code]);
    await expect4xx('unknown code', await topUp('881234567890123456', 1_000), 422, 'CODE_UNKNOWN');
    await expect4xx('preview of an unknown code', await api.request('POST', '/api/topups/preview', { token: cafe, body: { code: '881234567890123457', amount: cny(1_000) } }), 422, 'CODE_UNKNOWN');
    await expect4xx('not 18 digits', await topUp('12345', 1_000), 400, 'INVALID_REQUEST');
    await expect4xx('zero', await topUp(live, 0), 422, 'AMOUNT_OUT_OF_RANGE');
    await expect4xx('too much', await topUp(live, AMOUNT_MAX_MINOR + 1), 422, 'AMOUNT_OUT_OF_RANGE');
    await expect4xx('a fraction', await topUp(live, 10.5), 400, 'INVALID_REQUEST');
    await expect4xx('another currency', await api.request('POST', '/api/topups', { token: cafe, key: newKey(), body: { code: live, amount: { amount: 100, currency: 'USD' } } }), 422, 'CURRENCY_MISMATCH');
    await expect4xx('a customer', await topUp(live, 1_000, bob), 403, 'FORBIDDEN');
    await expect4xx('no key', await api.request('POST', '/api/topups', { token: cafe, body: { code: live, amount: cny(1_000) } }), 400, 'INVALID_REQUEST');
    await expect4xx('a field of its own', await topUp(live, 1_000, cafe, newKey(), { customerId: 'x' }), 400, 'INVALID_REQUEST');
    await expect4xx('a scan in the future', await topUp(live, 1_000, cafe, newKey(), { scannedAt: new Date(api.clock.now() + 600_000).toISOString() }), 400, 'INVALID_REQUEST');
    await expect4xx('a scan too old', await topUp(live, 1_000, cafe, newKey(), { scannedAt: new Date(api.clock.now() - 180_000).toISOString() }), 422, 'CODE_EXPIRED');
    // A code replaced by the customer's next one is over, as for a payment.
    const replaced = live;
    const next = await newCode(api, bob);
    await expect4xx('a replaced code', await topUp(replaced, 1_000), 422, 'CODE_EXPIRED');
    api.clock.advance(61_000);
    await expect4xx('an expired code', await topUp(next, 1_000), 422, 'CODE_EXPIRED');
    for (const [what, res, status, code] of refusals) {
      expect([what, res.status, res.body?.error?.code]).toEqual([what, status, code]);
    }
    expect(await everything()).toEqual(before);

    // Another shop's cashier may top up with a live code, but its cash is that shop's: the café's reports stay as they were.
    const books = await topUp(await newCode(api, bob), 300, bookshop);
    expect(books.status).toBe(201);
    expect((await api.request('GET', '/api/wallet/topups', { token: bob })).body.topups.filter((t: { shop: string | null }) => t.shop === 'Demo Books')).toMatchObject([{ amount: cny(300) }]);
    expect(await x(manager)).toEqual(before.x);
  });

  it('takes a code the cashier read a minute ago, though the phone has shown its next one since', async () => {
    const read = await newCode(api, bob);
    const scannedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(50_000);
    await newCode(api, bob); // the phone refreshed its code meanwhile
    const before = await balance(api, bob);
    const added = await topUp(read, 4_200, cafe, newKey(), { scannedAt });
    expect(added.status).toBe(201);
    expect(await balance(api, bob)).toBe(before + 4_200);
    // Without the scan time it is judged now: replaced.
    expect((await topUp(read, 4_200)).body.error.code).toBe('CODE_EXPIRED');
  });

  it("tells the customer's phone once, on its live stream, so it reads its balance again; a repeated tap tells nothing", async () => {
    const app = createApp(api.deps);
    const stream = await app.request('/api/events', { headers: { authorization: `Bearer ${bob}` } });
    const reader = stream.body!.getReader();
    const key = newKey();
    const code = await newCode(api, bob);
    expect((await topUp(code, 1_234, cafe, key)).status).toBe(201);
    expect((await topUp(code, 1_234, cafe, key)).headers.get('idempotent-replayed')).toBe('true');
    // A payment after it, as a marker: every event before it has arrived once it has.
    const paid = await pay(api, cafe, code, 100);
    expect(paid.status).toBe(201);
    let text = '';
    while (!text.includes(`"id":"${paid.body.payment.id}"`)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    // This top-up's events only: on PostgreSQL an earlier test's top-up (told through NOTIFY) may still reach a stream
    // opened after it, and what is asserted is that this one is told once, its repeat not at all.
    const topUps = [...text.matchAll(/event: topup\ndata: (.*)\n/g)].map(([, data]) => JSON.parse(data!)).filter((e) => e.amount === 1_234);
    expect(topUps).toEqual([{ amount: 1_234, at: new Date(api.clock.now()).toISOString() }]);
  });

  it("tells the shop's tills once, so Today's line reads the day's top-up cash again; another shop's tills hear nothing", async () => {
    const app = createApp(api.deps);
    const open = async (token: string) => (await app.request('/api/events', { headers: { authorization: `Bearer ${token}` } })).body!.getReader();
    const tills = { cafe: await open(manager), bookshop: await open(bookshop) };
    const key = newKey();
    const code = await newCode(api, bob);
    expect((await topUp(code, 2_345, cafe, key)).status).toBe(201);
    expect((await topUp(code, 2_345, cafe, key)).headers.get('idempotent-replayed')).toBe('true');
    // A payment after it at each shop, as a marker: every event before it has arrived once it has.
    const markers = { cafe: await pay(api, cafe, code, 100), bookshop: await pay(api, bookshop, await newCode(api, bob), 100) };
    const heard: Record<string, unknown[]> = {};
    for (const shop of ['cafe', 'bookshop'] as const) {
      expect(markers[shop].status).toBe(201);
      let text = '';
      while (!text.includes(`"id":"${markers[shop].body.payment.id}"`)) text += new TextDecoder().decode((await tills[shop].read()).value);
      await tills[shop].cancel();
      // This top-up's events only (an earlier test's, told through NOTIFY on PostgreSQL, may arrive late).
      heard[shop] = [...text.matchAll(/event: topup\ndata: (.*)\n/g)].map(([, data]) => JSON.parse(data!)).filter((e) => e.amount === 2_345);
    }
    expect(heard).toEqual({ cafe: [{ amount: 2_345, at: new Date(api.clock.now()).toISOString() }], bookshop: [] });
  });

  it('counts unknown codes against the cashier, as payments do: guessing is held up, a live code still tops up', async () => {
    const bookshopManager = bookshop; // a fresh cashier's count: the café's cashier counted some above
    let refused = 0;
    for (let i = 0; i < 25; i++) {
      const res = await topUp(`88999999999999${String(1000 + i)}`, 100, bookshopManager);
      if (res.status === 429) {
        refused++;
        expect(res.body.error.code).toBe('RATE_LIMITED');
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      } else expect(res.body.error.code).toBe('CODE_UNKNOWN');
    }
    expect(refused).toBeGreaterThan(0);
    expect((await topUp(await newCode(api, bob), 100, bookshopManager)).status).toBe(201);
  });
});
