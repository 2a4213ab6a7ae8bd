import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { closePeriod } from '../../api/reports/closing.js';
import { inTransaction } from '../../api/db/tx.js';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/** The merchant's end-of-day close (Z report), the X report, and the platform's statement (issue 8). */
describe.each(dialects)('closing the day on %s', (dialect) => {
  let api: TestApi;
  let manager: string;
  let cafe: string;
  let alice: string;
  let bob: string;
  /** The UTC day the file's first payment falls on: the tests move the clock minutes on, over midnight when run late. */
  let firstDay: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    firstDay = new Date(api.clock.now()).toISOString().slice(0, 10);
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
    bob = await api.signIn('customer', 'bob', '2222');
  });
  useInvariantCheck(() => api);

  it('a Z report freezes the figures of the payments made; the next one starts from zero and numbers on', async () => {
    const p1 = await pay(api, cafe, await newCode(api, alice, await couponId(api, alice, 'percent')), 10_000); // 15% platform
    const p2 = await pay(api, cafe, await newCode(api, bob, await couponId(api, bob, 'threshold')), 6_000); // 10 off, shop
    api.clock.advance(60_000);
    const declined = await pay(api, cafe, '880000000000000001', 500);
    expect([p1.status, p2.status, declined.status]).toEqual([201, 201, 402]);
    await api.request('POST', `/api/payments/${p2.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(600) } });

    const x = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(x.body.figures).toMatchObject({ count: 2, declinedCount: 1, amount: cny(16_000), deduction: cny(2_500), deductionPlatformFunded: cny(1_500), deductionMerchantFunded: cny(1_000), charged: cny(13_500), settlement: cny(15_000), refunded: cny(600) });
    // The first and last payment are payments: the declined attempt a minute later is not the last sale.
    expect(x.body.figures).toMatchObject({ firstPaymentAt: p1.body.payment.settledAt, lastPaymentAt: p2.body.payment.settledAt });

    const key = newKey();
    const z1 = await api.request('POST', '/api/reports/z', { token: manager, key, body: { queuedOffline: { count: 2, amount: cny(900) } } });
    expect(z1.status).toBe(201);
    expect(z1.body.report).toMatchObject({ number: 1, previousNumber: null });
    expect(z1.body.report.figures).toEqual({ ...x.body.figures, queuedOfflineAtClose: { count: 2, amount: cny(900) } });
    // A double tap on "close" with the same key closes once.
    const again = await api.request('POST', '/api/reports/z', { token: manager, key, body: { queuedOffline: { count: 2, amount: cny(900) } } });
    expect(again.body.report.number).toBe(1);

    const declinedOnly = await pay(api, cafe, '880000000000000002', 500);
    expect(declinedOnly.status).toBe(402);
    const empty = await api.request('GET', '/api/reports/x', { token: cafe });
    expect(empty.body.figures).toMatchObject({ count: 0, declinedCount: 1, firstPaymentAt: null, lastPaymentAt: null });
    expect(empty.body.previousNumber).toBe(1);
  });

  it('a payment scanned before the close but synced after it goes into the next report; the closed one never changes', async () => {
    const code = await newCode(api, alice);
    const scannedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(2_000);
    const z2 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z2.body.report).toMatchObject({ number: 2, previousNumber: 1, figures: { count: 0 } });
    api.clock.advance(2_000);
    const synced = await pay(api, cafe, code, 777, { scannedAt });
    expect(synced.status).toBe(201);
    const closed = await api.request('GET', '/api/reports/z/2', { token: cafe });
    expect(closed.body.report.figures.count).toBe(0);
    const z3 = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z3.body.report).toMatchObject({ number: 3, previousNumber: 2, figures: { count: 1, amount: cny(777) } });
    const list = await api.request('GET', '/api/reports/z', { token: cafe });
    expect(list.body.reports.map((r: any) => r.number)).toEqual([3, 2, 1]);
  });

  it('exports a report as CSV, and only a manager may close the day', async () => {
    const csv = await api.request('GET', '/api/reports/z/1?format=csv', { token: cafe });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('\r\nCustomers paid,13500,135.00\r\n');
    expect(csv.body).toContain('\r\nFigure,Value (minor units),Value (CNY)\r\nPayments,2,\r\n');
    // What the shop keeps: the settlement less what the refunds paid back. The period's one refund took 6.00 of
    // bob's 60.00 order, which had 10.00 off on the shop: 5.00 went back to his wallet, and that is all the shop
    // gave back (15,000 - 500), not the 6.00 of the order it covers.
    const value = (name: string) => Number(new RegExp(`^${name},(-?\\d+),`, 'm').exec(csv.body)?.[1]);
    expect([value('Shop receives'), value('Sales refunded'), value('Back to customers'), value('Platform’s savings returned')]).toEqual([15_000, 600, 500, 0]);
    expect(value('Paid back by refunds')).toBe(500);
    expect(value('Shop keeps after refunds')).toBe(14_500);
    expect(csv.body).toContain('\r\n"Savings by campaign: 15% off, at most ¥20 (1 use; Paid by: Platform)",1500,15.00\r\n');
    // What the closing tablet still held offline is on the printed report, and so in the file; a report closed with
    // nothing held says nothing of it.
    expect(csv.body).toContain('\r\n"Offline, not yet sent at close (payments)",2,\r\n"Offline, not yet sent at close",900,9.00\r\n');
    expect((await api.request('GET', '/api/reports/z/3?format=csv', { token: cafe })).body).not.toContain('Offline, not yet sent');
    // The file says which period it is, as the screen does: filed away, its name may be all that is lost. Times are
    // the shop's wall clock (UTC here), as a spreadsheet reads them.
    const z1 = (await api.request('GET', '/api/reports/z/1', { token: cafe })).body.report;
    const wall = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, '');
    expect(csv.body).toContain(`\r\nPeriod from,${wall(z1.openedAt)}\r\nClosed at,${wall(z1.closedAt)}\r\nClosed by,owner\r\n`);
    expect(csv.body).toContain('\r\nTime zone,UTC\r\n');
    const x = await api.request('GET', '/api/reports/x?format=csv', { token: cafe });
    expect(x.body).toContain(`\r\nPeriod from,${wall((await api.request('GET', '/api/reports/z', { token: cafe })).body.reports[0].closedAt)}\r\nTaken at,`);
    // A byte-order mark first: Excel then reads the file as UTF-8 (a Chinese campaign title stays readable).
    const raw = new Uint8Array(await (await createApp(api.deps).request('/api/reports/x?format=csv', { headers: { authorization: `Bearer ${cafe}` } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await api.request('POST', '/api/reports/z', { token: cafe, key: newKey(), body: {} })).status).toBe(403);
    expect((await api.request('GET', '/api/reports/z/99', { token: cafe })).status).toBe(404);
  });

  it('a close that waited for another one never ends before its period began', async () => {
    // Two managers close at the same moment: the second read the clock before the first's close committed.
    const owner = await api.deps.db.kysely
      .selectFrom('cashiers')
      .innerJoin('merchants', 'merchants.id', 'cashiers.merchant_id')
      .select(['cashiers.id', 'cashiers.merchant_id'])
      .where('merchants.handle', '=', 'demo-cafe')
      .where('cashiers.handle', '=', 'owner')
      .executeTakeFirstOrThrow();
    const close = (now: number) =>
      inTransaction(api.deps.db.kysely, (trx) => closePeriod(trx, dialect, { merchantId: owner.merchant_id, cashierId: owner.id, now, id: newKey(), queued: null }));
    const t = api.clock.now() + 10_000;
    const first = await close(t);
    const second = await close(t - 4);
    expect(second.opened_at).toBe(first.closed_at);
    expect(second.closed_at).toBeGreaterThanOrEqual(second.opened_at);
  });

  it('the closed days are listed a page at a time, back to the first: an old Z report can still be found to reprint', async () => {
    const total = (await api.request('GET', '/api/reports/z?limit=100', { token: cafe })).body.reports.length;
    for (let i = 0; i < 3; i++) {
      api.clock.advance(60_000);
      expect((await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} })).status).toBe(201);
    }
    const seen: number[] = [];
    let before: number | null = null;
    for (let page = 0; page < total + 3; page++) {
      const res = await api.request('GET', `/api/reports/z?limit=2${before === null ? '' : `&before=${before}`}`, { token: cafe });
      expect(res.status).toBe(200);
      seen.push(...res.body.reports.map((r: { number: number }) => r.number));
      before = res.body.next;
      if (before === null) break;
    }
    expect(seen).toEqual(Array.from({ length: total + 3 }, (_, i) => total + 3 - i));
    expect((await api.request('GET', '/api/reports/z?before=0', { token: cafe })).status).toBe(400);
  });

  it("the platform's statement for the shop agrees with the ledger to the fen, refunds included", async () => {
    const p = await pay(api, cafe, await newCode(api, bob, await couponId(api, bob, 'fixed')), 1_001); // 5 off by the platform
    await api.request('POST', `/api/payments/${p.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(333) } });
    // From the day of the file's first payment (alice's, below) to today's: one day, or two when the run crossed midnight.
    const today = new Date(api.clock.now()).toISOString().slice(0, 10);
    const statement = await api.request('GET', `/api/reports/platform?from=${firstDay}&to=${today}`, { token: manager });
    expect(statement.status).toBe(200);
    expect(statement.body.reconciled).toBe(true);
    // 15.00 (alice's 15% coupon) + 5.00 − the subsidy the refund reversed: the refund takes its whole 3.33 from the
    // shop, 1.66 of it cash to bob (333 × 501 / 1001, rounded down), so 1.67 goes back to the platform.
    expect(statement.body.platformFunded).toEqual(cny(1_500 + 500 - 167));
    expect(statement.body.ledger.net).toEqual(statement.body.platformFunded);
  });

  it('a Z report as the first ones were stored, with none of the figures counted since, reads each of those as none, in JSON and CSV', async () => {
    const z = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z.status).toBe(201);
    const db = api.deps.db.kysely;
    const stored = await db.selectFrom('z_reports').select(['id', 'figures']).where('number', '=', z.body.report.number).executeTakeFirstOrThrow();
    const all = JSON.parse(stored.figures) as Record<string, unknown>;
    // The figures of the first Z reports (views.ts InFirstZ), and nothing added since: no By cashier, no queued sales.
    const first = ['count', 'declinedCount', 'amount', 'deduction', 'deductionMerchantFunded', 'deductionPlatformFunded', 'charged', 'settlement', 'refundCount', 'refunded', 'refundedCash', 'refundedSubsidy', 'firstAt', 'lastAt', 'byCampaign'];
    await db
      .updateTable('z_reports')
      .set({ figures: JSON.stringify(Object.fromEntries(first.map((name) => [name, all[name]]))) })
      .where('id', '=', stored.id)
      .execute();
    const read = (await api.request('GET', `/api/reports/z/${z.body.report.number}`, { token: manager })).body.report.figures;
    // Each figure counted since reads as none: 0, not missing (the screens and the file would say "undefined").
    const none = {
      earlierSalesRefundCount: 0,
      earlierSalesRefunded: cny(0),
      paidInCashCount: 0,
      paidInCash: cny(0),
      earlierSalesPaidInCashCount: 0,
      earlierSalesPaidInCash: cny(0),
      topUpCount: 0,
      topUps: cny(0),
      topUpReversalCount: 0,
      topUpsReversed: cny(0),
      notPaidCount: 0,
      notPaid: cny(0),
    };
    // How many sales the earlier refunds were of is not known of such a report (the refunds' count is, from migration
    // 0008): null, as By cashier's and the queued sales' are, and the screens say the refunds alone.
    expect(read).toEqual({ ...z.body.report.figures, ...none, earlierSalesRefundedSaleCount: null, byCashier: null, queuedOfflineAtClose: null });
    const csv = await api.request('GET', `/api/reports/z/${z.body.report.number}?format=csv`, { token: manager });
    expect(csv.status).toBe(200);
    expect(csv.body).not.toMatch(/undefined|NaN/);
    expect(csv.body).toContain('\r\nTop-ups in cash,0,0.00\r\n');
  });
});
