import { beforeAll, describe, expect, it } from 'vitest';
import { backfillZEarlierCash } from '../../api/db/migrations.js';
import { dateIn } from '../../api/reports/days.js';
import { cny, dialects, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const HOUR = 3_600_000;

/**
 * Cash taken at the counter for a declined sale from before the period (declined at an earlier day's sync, or closed
 * into an earlier Z report) is in the period's "paid in cash", when it was taken, and the reports say how much of it
 * is: Today's line, which counts the cash of today's declined sales, differed from the Day report with nothing to say
 * why.
 */
describe.each(dialects)('cash taken for declined sales from before the period on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
  });
  useInvariantCheck(() => api);

  /** A code no one was given: declined, recorded, nothing moved. */
  let unknownCodes = 0;
  async function declined(amount: number) {
    const res = await pay(api, cafe, `8800000000000002${String(++unknownCodes).padStart(2, '0')}`, amount);
    expect(res.status).toBe(402);
    return res.body.payment.id as string;
  }
  const paidInCash = async (paymentId: string) =>
    expect((await api.request('POST', `/api/payments/${paymentId}/paid-in-cash`, { token: cafe, key: newKey(), body: { note: 'cash' } })).status).toBe(201);
  const x = async () => (await api.request('GET', '/api/reports/x', { token: cafe })).body.figures;
  const close = async () => (await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} })).body.report;
  const day = async (date: string) => (await api.request('GET', `/api/reports/daily?date=${date}`, { token: cafe })).body;
  const csv = async (path: string, lang: 'en' | 'zh') => (await api.request('GET', `${path}${path.includes('?') ? '&' : '?'}format=csv&lang=${lang}`, { token: cafe })).body as string;

  it("the day report counts the cash taken that day for an earlier day's declined sale, on the day it was taken", async () => {
    const yesterdays = await declined(3000);
    const sameDays = await declined(700);
    const soldOn = dateIn(api.clock.now(), 'UTC');
    // The same day's sale paid in cash: that day's own, none earlier.
    await paidInCash(sameDays);
    expect(await day(soldOn)).toMatchObject({ paidInCashCount: 1, earlierSalesPaidInCashCount: 0, earlierSalesPaidInCash: cny(0) });
    expect(await csv(`/api/reports/daily?date=${soldOn}`, 'en')).toContain('\r\nPaid in cash after a decline,700,7.00\r\nOf which for sales made on an earlier day,0,0.00\r\n');

    api.clock.advance(25 * HOUR);
    // The sessions of a day ago have ended.
    [cafe, manager] = [await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe'), await api.signIn('cashier', 'owner', '9999', 'demo-cafe')];
    await paidInCash(yesterdays);
    const today = dateIn(api.clock.now(), 'UTC');
    expect(await day(today)).toMatchObject({ count: 0, paidInCashCount: 1, paidInCash: cny(3000), earlierSalesPaidInCashCount: 1, earlierSalesPaidInCash: cny(3000) });
    // The day's file says it under the day's cash, as it says the refunds of earlier days' sales under its refunds.
    expect(await csv(`/api/reports/daily?date=${today}`, 'en')).toContain('\r\nPaid in cash after a decline,3000,30.00\r\nOf which for sales made on an earlier day,3000,30.00\r\n');
    expect(await csv(`/api/reports/daily?date=${today}`, 'zh')).toContain('\r\n拒付后以现金收款,3000,30.00\r\n其中为此前日期的销售收取,3000,30.00\r\n');
    // Not the day of the sale, whose cash was taken after it.
    expect(await day(soldOn)).toMatchObject({ paidInCashCount: 1, earlierSalesPaidInCashCount: 0 });
  });

  it('the X report after a close says which of its cash is for sales from before it, and the Z report keeps it', async () => {
    await close();
    const before = await declined(800);
    const own = await declined(500);
    await paidInCash(own);
    expect(await x()).toMatchObject({ paidInCashCount: 1, earlierSalesPaidInCashCount: 0, earlierSalesPaidInCash: cny(0) });
    await close();

    await paidInCash(before);
    const after = await declined(1200);
    await paidInCash(after);
    expect(await x()).toMatchObject({ paidInCashCount: 2, paidInCash: cny(2000), earlierSalesPaidInCashCount: 1, earlierSalesPaidInCash: cny(800) });
    expect(await csv('/api/reports/x', 'en')).toContain('\r\nPaid in cash after a decline,2000,20.00\r\nOf which for sales made before this period,800,8.00\r\n');
    expect(await csv('/api/reports/x', 'zh')).toContain('\r\n拒付后以现金收款,2000,20.00\r\n其中为本期之前的销售收取,800,8.00\r\n');
    const z = await close();
    expect(z.figures).toMatchObject({ paidInCashCount: 2, earlierSalesPaidInCashCount: 1, earlierSalesPaidInCash: cny(800) });
    for (const [lang, row] of [['en', 'Of which for sales made before this period'], ['zh', '其中为本期之前的销售收取']] as const) {
      expect(await csv(`/api/reports/z/${z.number}`, lang)).toContain(`\r\n${row},800,8.00\r\n`);
    }
    expect((await api.request('GET', `/api/reports/z/${z.number}`, { token: cafe })).body.report.figures).toMatchObject({ earlierSalesPaidInCashCount: 1 });
    expect(await x()).toMatchObject({ paidInCashCount: 0, earlierSalesPaidInCashCount: 0 });
  });

  it('a Z report closed before these were counted gets them from its cash notes (migration 0013), never a false 0', async () => {
    const before = await declined(900);
    await close();
    await paidInCash(before);
    const withOne = await close();
    const without = await close();
    const db = api.deps.db.kysely;
    for (const z of [withOne, without]) {
      const stored = await db.selectFrom('z_reports').select(['id', 'figures']).where('number', '=', z.number).executeTakeFirstOrThrow();
      const { earlierSalesPaidInCashCount: _n, earlierSalesPaidInCash: _a, ...older } = JSON.parse(stored.figures);
      await db.updateTable('z_reports').set({ figures: JSON.stringify(older) }).where('id', '=', stored.id).execute();
    }
    await backfillZEarlierCash(db);
    const figuresOf = async (n: number) => (await api.request('GET', `/api/reports/z/${n}`, { token: cafe })).body.report.figures;
    expect(await figuresOf(withOne.number)).toMatchObject({ paidInCashCount: 1, earlierSalesPaidInCashCount: 1, earlierSalesPaidInCash: cny(900) });
    expect(await csv(`/api/reports/z/${withOne.number}`, 'en')).toContain('\r\nOf which for sales made before this period,900,9.00\r\n');
    expect(await figuresOf(without.number)).toMatchObject({ earlierSalesPaidInCashCount: 0, earlierSalesPaidInCash: cny(0) });
  });
});
