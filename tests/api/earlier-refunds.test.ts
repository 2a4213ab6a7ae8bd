import { beforeAll, describe, expect, it } from 'vitest';
import { backfillZEarlierRefunds } from '../../api/db/migrations.js';
import { dateIn } from '../../api/reports/days.js';
import { cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const HOUR = 3_600_000;

/**
 * A refund of a sale from before the period (closed into an earlier Z report, or made on an earlier day) counts in
 * the period's refunds, and the reports say how much of them it is: after a close, "Sales ¥0.00" above "Sales
 * refunded ¥10.00" read as a mistake.
 */
describe.each(dialects)('refunds of sales from before the period on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let alice: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
  });
  useInvariantCheck(() => api);

  const refund = async (paymentId: string, amount: number) =>
    expect((await api.request('POST', `/api/payments/${paymentId}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(amount) } })).status).toBe(201);
  const sale = async (amount: number) => {
    const paid = await pay(api, cafe, await newCode(api, alice), amount);
    expect(paid.status).toBe(201);
    return paid.body.payment.id as string;
  };
  const x = async () => (await api.request('GET', '/api/reports/x', { token: cafe })).body.figures;
  const close = async () => (await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} })).body.report;

  it('the X report after a close says which of its refunds are of sales from before it, and the Z report keeps it', async () => {
    const before = await sale(3000);
    expect(await x()).toMatchObject({ refundCount: 0, earlierSalesRefundCount: 0, earlierSalesRefunded: cny(0) });
    // Refunded before the close: a refund of the period's own sale.
    await refund(before, 500);
    expect(await x()).toMatchObject({ refundCount: 1, earlierSalesRefundCount: 0, earlierSalesRefunded: cny(0) });
    await close();

    await refund(before, 1000);
    expect(await x()).toMatchObject({ count: 0, amount: cny(0), refundCount: 1, refunded: cny(1000), earlierSalesRefundCount: 1, earlierSalesRefunded: cny(1000) });
    const after = await sale(2000);
    await refund(after, 500);
    expect(await x()).toMatchObject({ count: 1, refundCount: 2, refunded: cny(1500), earlierSalesRefundCount: 1, earlierSalesRefunded: cny(1000) });

    const en = (await api.request('GET', '/api/reports/x?format=csv', { token: cafe })).body;
    expect(en).toContain('\r\nSales refunded,1500,15.00\r\nOf which sales made before this period,1000,10.00\r\n');
    const zh = (await api.request('GET', '/api/reports/x?format=csv&lang=zh', { token: cafe })).body;
    expect(zh).toContain('\r\n退款销售额,1500,15.00\r\n其中为本期之前的销售,1000,10.00\r\n');

    const z = await close();
    expect(z.figures).toMatchObject({ refundCount: 2, earlierSalesRefundCount: 1, earlierSalesRefunded: cny(1000) });
    expect((await api.request('GET', `/api/reports/z/${z.number}`, { token: cafe })).body.report.figures).toMatchObject({ earlierSalesRefundCount: 1 });
    expect(await x()).toMatchObject({ refundCount: 0, earlierSalesRefundCount: 0 });
  });

  it("a Z report closed before these were counted gets them from its refunds (migration 0008); the day report counts a refund of an earlier day's sale", async () => {
    // Two Z reports frozen before the figures had these fields: one with a refund of an earlier period's sale, one without.
    const before = await sale(2000);
    await close();
    await refund(before, 700);
    const withOne = await close();
    const without = await close();
    const db = api.deps.db.kysely;
    for (const z of [withOne, without]) {
      const stored = await db.selectFrom('z_reports').select(['id', 'figures']).where('number', '=', z.number).executeTakeFirstOrThrow();
      const { earlierSalesRefundCount: _n, earlierSalesRefunded: _a, ...older } = JSON.parse(stored.figures);
      await db.updateTable('z_reports').set({ figures: JSON.stringify(older) }).where('id', '=', stored.id).execute();
    }
    await backfillZEarlierRefunds(db);
    const figuresOf = async (n: number) => (await api.request('GET', `/api/reports/z/${n}`, { token: cafe })).body.report.figures;
    expect(await figuresOf(withOne.number)).toMatchObject({ refundCount: 1, earlierSalesRefundCount: 1, earlierSalesRefunded: cny(700) });
    expect(await figuresOf(without.number)).toMatchObject({ earlierSalesRefundCount: 0, earlierSalesRefunded: cny(0) });
    expect((await api.request('GET', `/api/reports/z/${withOne.number}?format=csv`, { token: cafe })).body).toContain('\r\nOf which sales made before this period,700,7.00\r\n');

    const sold = await sale(4000);
    const soldOn = dateIn(api.clock.now(), 'UTC');
    api.clock.advance(25 * HOUR);
    [cafe, alice] = [await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe'), await api.signIn('customer', 'alice', '1111')];
    await refund(sold, 1500);
    const today = dateIn(api.clock.now(), 'UTC');
    const day = async (date: string) => (await api.request('GET', `/api/reports/daily?date=${date}`, { token: cafe })).body;
    expect(await day(soldOn)).toMatchObject({ earlierSalesRefundCount: 0 });
    expect(await day(today)).toMatchObject({ count: 0, refundCount: 1, refunded: cny(1500), earlierSalesRefundCount: 1, earlierSalesRefunded: cny(1500) });
    const csv = (await api.request('GET', `/api/reports/daily?date=${today}&format=csv`, { token: cafe })).body;
    expect(csv).toContain('\r\nOf which sales made on an earlier day,1500,15.00\r\n');
  });
  it('counts the earlier sales refunded once each: one sale refunded in four parts is four refunds of one sale', async () => {
    // Today's line said "4 refunds of sales of earlier days" for one sale refunded in four parts (owner review).
    const inParts = await sale(20000);
    const once = await sale(5000);
    api.clock.advance(25 * HOUR);
    [cafe, alice] = [await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe'), await api.signIn('customer', 'alice', '1111')];
    for (const amount of [3333, 3333, 3333, 3334]) await refund(inParts, amount);
    await refund(once, 1);
    const today = dateIn(api.clock.now(), 'UTC');
    const day = (await api.request('GET', `/api/reports/daily?date=${today}`, { token: cafe })).body;
    expect(day).toMatchObject({ refundCount: 5, earlierSalesRefundCount: 5, earlierSalesRefundedSaleCount: 2, earlierSalesRefunded: cny(13334) });
    // The X report's too, once they are of an earlier period; and the Z report keeps it.
    expect(await x()).toMatchObject({ earlierSalesRefundedSaleCount: 0 });
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    await close();
    await refund(inParts, 100);
    await refund(inParts, 200);
    expect(await x()).toMatchObject({ earlierSalesRefundCount: 2, earlierSalesRefundedSaleCount: 1, earlierSalesRefunded: cny(300) });
    const z = await close();
    expect(z.figures).toMatchObject({ earlierSalesRefundCount: 2, earlierSalesRefundedSaleCount: 1 });
  });
});
