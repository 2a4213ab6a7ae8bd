import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * The reports' "By cashier": for each cashier who rang up, refunded or took cash in the period, the same figures as
 * the shop's. A refund is the cashier's who gave it, not who rang up the sale; the rows add up to the shop's figures
 * on the Day, X and Z reports; a Z report keeps them as they were at its close, and one closed before them has none.
 */
const MONEY = ['amount', 'deduction', 'charged', 'settlement', 'refunded', 'refundedCash', 'refundedSubsidy', 'paidInCash'] as const;
const COUNTS = ['count', 'declinedCount', 'refundCount', 'paidInCashCount'] as const;

type Row = { cashierId: string; handle: string; removed: boolean } & Record<(typeof COUNTS)[number], number> & Record<(typeof MONEY)[number], { amount: number; currency: string }>;

/** Every figure of the rows, summed, is the shop's own. */
function expectRowsAddUp(figures: Record<string, any>) {
  const rows = figures.byCashier as Row[];
  expect(rows.length).toBeGreaterThan(0);
  for (const k of COUNTS) expect([k, rows.reduce((s, r) => s + r[k], 0)]).toEqual([k, figures[k]]);
  for (const k of MONEY) expect([k, cny(rows.reduce((s, r) => s + r[k].amount, 0))]).toEqual([k, figures[k]]);
  // Most charged first.
  for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.charged.amount).toBeGreaterThanOrEqual(rows[i]!.charged.amount);
}

describe.each(dialects)('reports by cashier on %s', (dialect) => {
  let api: TestApi;
  let cashier: string;
  let owner: string;
  let bob: string;
  let alice: string;
  let tempId: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    bob = await api.signIn('customer', 'bob', '2222');
    alice = await api.signIn('customer', 'alice', '1111');
  });
  useInvariantCheck(() => api);

  const get = async (path: string, token = cashier) => {
    const res = await api.request('GET', path, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const row = (rows: Row[], handle: string) => {
    const found = rows.find((r) => r.handle === handle);
    if (!found) throw new Error(`no row for ${handle}: ${JSON.stringify(rows.map((r) => r.handle))}`);
    return found;
  };

  it('counts each cashier’s sales, savings, refunds given and cash taken, adding up to the shop’s figures', async () => {
    // A third cashier sells once and is removed: still in the report, marked removed.
    const added = await api.request('POST', '/api/staff', { token: owner, key: newKey(), body: { handle: 'temp', pin: '5678' } });
    expect(added.status).toBe(201);
    tempId = added.body.cashier.id;
    const temp = await api.signIn('cashier', 'temp', '5678', 'demo-cafe');
    expect((await pay(api, temp, await newCode(api, alice), 500)).status).toBe(201);
    expect((await api.request('POST', `/api/staff/${tempId}/removal`, { token: owner, key: newKey(), body: {} })).status).toBe(200);

    // cashier-1: a sale with bob's ¥5 off coupon, and a plain one.
    const couponSale = await pay(api, cashier, await newCode(api, bob, await couponId(api, bob, 'fixed')), 3_000);
    expect(couponSale.status).toBe(201);
    expect(couponSale.body.payment.deduction).toEqual(cny(500));
    expect((await pay(api, cashier, await newCode(api, alice), 1_000)).status).toBe(201);
    // The owner rings one up, and refunds part of cashier-1's coupon sale: the refund is the owner's.
    expect((await pay(api, owner, await newCode(api, alice), 2_000)).status).toBe(201);
    const refund = await api.request('POST', `/api/payments/${couponSale.body.payment.id}/refunds`, { token: owner, key: newKey(), body: { amount: cny(1_200) } });
    expect(refund.status).toBe(201);
    // A payment declined at cashier-1's counter (a code no one was given), then paid in cash to the owner.
    const declined = await pay(api, cashier, '880000000000000177', 4_200);
    expect(declined.status).toBe(402);
    expect((await api.request('POST', `/api/payments/${declined.body.payment.id}/paid-in-cash`, { token: owner, key: newKey(), body: { note: 'cash' } })).status).toBe(201);

    const day = await get('/api/reports/daily');
    const x = (await get('/api/reports/x')).figures;
    for (const figures of [day, x]) {
      expectRowsAddUp(figures);
      const rows = figures.byCashier as Row[];
      expect(rows.map((r) => r.handle)).toEqual(['cashier-1', 'owner', 'temp']); // charged ¥35.00, ¥20.00, ¥5.00
      expect(row(rows, 'cashier-1')).toMatchObject({
        removed: false,
        count: 2,
        declinedCount: 1,
        amount: cny(4_000),
        deduction: cny(500),
        charged: cny(3_500),
        refundCount: 0,
        refunded: cny(0),
        paidInCashCount: 0,
      });
      const refundCash = refund.body.refund.cash.amount;
      expect(refundCash).toBe(1_000); // 1,200 of 3,000 asked, 2,500 charged: ⌊1,200 × 2,500 ÷ 3,000⌋
      expect(row(rows, 'owner')).toMatchObject({
        removed: false,
        count: 1,
        amount: cny(2_000),
        charged: cny(2_000),
        refundCount: 1,
        refunded: cny(1_200),
        refundedCash: cny(refundCash),
        paidInCashCount: 1,
        paidInCash: cny(4_200),
      });
      expect(row(rows, 'temp')).toMatchObject({ removed: true, count: 1, charged: cny(500), refundCount: 0 });
    }
  });

  it('keeps them in the Z report as closed; a Z report closed before them has none', async () => {
    const open = (await get('/api/reports/x')).figures;
    const closed = await api.request('POST', '/api/reports/z', { token: owner, key: newKey(), body: {} });
    expect(closed.status).toBe(201);
    const z = closed.body.report;
    expectRowsAddUp(z.figures);
    expect(z.figures.byCashier).toEqual(open.byCashier);

    // cashier-1 is removed after the close: the Z report still says what it said at close, the next period the new.
    const staff = (await get('/api/staff', owner)).staff as { id: string; handle: string }[];
    const c1 = staff.find((s) => s.handle === 'cashier-1')!;
    expect((await pay(api, cashier, await newCode(api, alice), 700)).status).toBe(201);
    expect((await api.request('POST', `/api/staff/${c1.id}/removal`, { token: owner, key: newKey(), body: {} })).status).toBe(200);
    const again = (await get(`/api/reports/z/${z.number}`, owner)).report;
    expect(again.figures.byCashier).toEqual(z.figures.byCashier);
    expect(row(again.figures.byCashier, 'cashier-1').removed).toBe(false);
    const next = (await get('/api/reports/x', owner)).figures;
    expectRowsAddUp(next);
    expect(next.byCashier).toEqual([expect.objectContaining({ handle: 'cashier-1', removed: true, count: 1, charged: cny(700) })]);

    // A Z report closed before the figures were kept by cashier: none, not an empty list.
    const stored = await api.deps.db.kysely.selectFrom('z_reports').select(['id', 'figures']).where('number', '=', z.number).executeTakeFirstOrThrow();
    const { byCashier: _, ...older } = JSON.parse(stored.figures);
    await api.deps.db.kysely.updateTable('z_reports').set({ figures: JSON.stringify(older) }).where('id', '=', stored.id).execute();
    const old = (await get(`/api/reports/z/${z.number}`, owner)).report;
    expect(old.figures.byCashier).toBeNull();
    expect(old.figures.charged).toEqual(z.figures.charged);
  });

  it('leaves a day with nothing done with no rows', async () => {
    const empty = await get('/api/reports/daily?date=2020-01-01', owner);
    expect(empty.byCashier).toEqual([]);
  });
});

// Only PostgreSQL lets a test hold the report between two of its statements (a table lock, as x-report-one-read's).
// Skipped, not absent, without a PostgreSQL.
describe.skipIf(!dialects.includes('postgres'))('a sale committed while the Day report is read, on postgres', () => {
  let api: TestApi;
  let cashier: string;
  let watcher: pg.Client;
  beforeAll(async () => {
    api = await startTestApi('postgres');
    cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    watcher = new pg.Client({ connectionString: api.databaseUrl });
    await watcher.connect();
  });
  useInvariantCheck(() => api);
  afterAll(async () => {
    await watcher?.end();
  });

  async function oneWaitsForALock(): Promise<void> {
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
      const { rows } = await watcher.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
      if (rows[0].n >= 1) return;
    }
    throw new Error('the Day report never came to wait for the refunds table');
  }

  it('is in all of its figures or in none: its rows, its hours and its totals agree', async () => {
    const bob = await api.signIn('customer', 'bob', '2222');
    expect((await pay(api, cashier, await newCode(api, bob), 3_000)).status).toBe(201);
    // The report waits at the refunds, which another connection holds; a sale is made and committed meanwhile.
    const locker = new pg.Client({ connectionString: api.databaseUrl });
    await locker.connect();
    let day: Promise<{ status: number; body: any }>;
    try {
      await locker.query('begin');
      await locker.query('lock table refunds in access exclusive mode');
      day = api.request('GET', '/api/reports/daily', { token: cashier });
      await oneWaitsForALock();
      expect((await pay(api, cashier, await newCode(api, bob), 2_000)).status).toBe(201);
      await locker.query('commit');
    } finally {
      await locker.end();
    }
    const read = await day;
    expect(read.status).toBe(200);
    expectRowsAddUp(read.body);
    expect(read.body.byHour.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(read.body.count);
    expect(read.body.count).toBe(1);
    const after = (await api.request('GET', '/api/reports/daily', { token: cashier })).body;
    expectRowsAddUp(after);
    expect(after.count).toBe(2);
  });
});
