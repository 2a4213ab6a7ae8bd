import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * The period report (GET /api/reports/period): a span of the shop's days, for the owner reconciling a month with the
 * bank. Its figures are the Day reports of its days taken together, and its rows are those Day reports, a row a day,
 * on the shop's clock: here New York's, across the night of 1 November 2026 when its clocks go back (a 25-hour day).
 */
describe.each(dialects)('the period report on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let owner: string;
  let bob: string;
  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: 'America/New_York' });
  });
  afterAll(async () => api?.close());
  useInvariantCheck(() => api);

  const at = async (instant: string) => {
    api.clock.advance(Date.parse(instant) - api.clock.now());
    // Signed in again at each step: a session signed in days before may have expired meanwhile.
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    bob = await api.signIn('customer', 'bob', '2222');
  };
  const sale = async (amount: number, token = cafe) => {
    const paid = await pay(api, token, await newCode(api, bob), amount);
    expect(paid.status).toBe(201);
    return paid.body.payment.id as string;
  };
  const refund = async (paymentId: string, amount: number) =>
    expect((await api.request('POST', `/api/payments/${paymentId}/refunds`, { token: owner, key: newKey(), body: { amount: cny(amount) } })).status).toBe(201);
  const get = (path: string, token = owner) => api.request('GET', path, { token });

  const DAYS = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'];

  it("gives the Day reports of its days taken together, and each day's row as its Day report, across a 25-hour day", async () => {
    await at('2026-10-29T16:00:00Z'); // noon on 29 October: before the period
    const before = await sale(4_000);
    await at('2026-10-30T16:00:00Z');
    await sale(1_000);
    await at('2026-11-01T03:59:00Z'); // 23:59 EDT on 31 October
    const lateOn31 = await sale(1_100, owner);
    await at('2026-11-01T05:30:00Z'); // 01:30 EDT on 1 November
    await sale(1_200);
    await at('2026-11-01T06:30:00Z'); // 01:30 EST, the second one
    await sale(1_300);
    await at('2026-11-02T04:30:00Z'); // 23:30 EST, the 25th hour of 1 November
    await sale(1_400);
    // Declined on 1 November, written off as not paid on 2 November: it counts on the day it was noted.
    const declined = await pay(api, cafe, '880000000000000301', 800);
    expect(declined.status).toBe(402);
    await at('2026-11-02T05:00:00Z'); // 00:00 EST on 2 November
    await sale(1_500);
    const written = await api.request('POST', `/api/payments/${declined.body.payment.id}/not-paid`, { token: cafe, key: newKey(), body: { note: 'left' } });
    expect(written.status).toBe(201);
    await refund(lateOn31, 600); // of a sale made on an earlier day of the period
    await refund(before, 700); // of a sale made before the period
    await at('2026-11-03T15:00:00Z');
    const topUp = await api.request('POST', '/api/topups', { token: cafe, key: newKey(), body: { code: await newCode(api, bob), amount: cny(5_000) } });
    expect(topUp.status).toBe(201);

    const res = await get(`/api/reports/period?from=${DAYS[0]}&to=${DAYS[4]}`);
    expect(res.status).toBe(200);
    const period = res.body;
    expect([period.from, period.to, period.timeZone, period.currency]).toEqual([DAYS[0], DAYS[4], 'America/New_York', 'CNY']);
    expect(period.byDay.map((d: any) => d.date)).toEqual(DAYS);
    expect(period.byDay.map((d: any) => d.count)).toEqual([1, 1, 3, 1, 0]);
    expect(period.byDay.map((d: any) => d.amount.amount)).toEqual([1_000, 1_100, 1_200 + 1_300 + 1_400, 1_500, 0]);
    expect(period.byDay.map((d: any) => [d.notPaidCount, d.notPaid.amount])).toEqual([[0, 0], [0, 0], [0, 0], [1, 800], [0, 0]]);

    const days = await Promise.all(DAYS.map(async (date) => (await get(`/api/reports/daily?date=${date}`)).body));
    // Each row is its day's Day report.
    for (const [i, day] of days.entries()) {
      const row = period.byDay[i];
      expect(row, day.date).toEqual({
        date: day.date,
        count: day.count,
        amount: day.amount,
        deduction: day.deduction,
        charged: day.charged,
        settlement: day.settlement,
        refundCount: day.refundCount,
        refunded: day.refunded,
        refundedCash: day.refundedCash,
        refundedSubsidy: day.refundedSubsidy,
        tillCash: cny(day.paidInCash.amount + day.topUps.amount - day.topUpsReversed.amount),
        notPaidCount: day.notPaidCount,
        notPaid: day.notPaid,
      });
    }
    // The figures are the days' summed, each one (By cashier's lines too).
    const counts = ['count', 'declinedCount', 'refundCount', 'paidInCashCount', 'topUpCount', 'topUpReversalCount', 'notPaidCount'] as const;
    const amounts = ['amount', 'deduction', 'deductionMerchantFunded', 'deductionPlatformFunded', 'charged', 'settlement', 'refunded', 'refundedCash', 'refundedSubsidy', 'paidInCash', 'topUps', 'topUpsReversed', 'notPaid'] as const;
    for (const key of counts) expect(period[key], key).toBe(days.reduce((sum, d) => sum + d[key], 0));
    for (const key of amounts) expect(period[key], key).toEqual(cny(days.reduce((sum, d) => sum + d[key].amount, 0)));
    expect(period.refundCount).toBe(2);
    expect(period.topUps).toEqual(cny(5_000));
    expect([period.notPaidCount, period.notPaid]).toEqual([1, cny(800)]);
    // The rows add up to the totals, the write-off too: summed over the days, as the screen's table and the file do.
    for (const key of ['count', 'refundCount', 'notPaidCount'] as const) expect(period.byDay.reduce((sum: number, d: any) => sum + d[key], 0), key).toBe(period[key]);
    for (const key of ['amount', 'charged', 'settlement', 'notPaid'] as const) expect(cny(period.byDay.reduce((sum: number, d: any) => sum + d[key].amount, 0)), key).toEqual(period[key]);
    const byCashier = (reports: any[]) => {
      const sums = new Map<string, number[]>();
      for (const r of reports) {
        for (const c of r.byCashier) {
          const [charged, notPaid] = sums.get(c.cashierId) ?? [0, 0];
          sums.set(c.cashierId, [charged! + c.charged.amount, notPaid! + c.notPaid.amount]);
        }
      }
      return Object.fromEntries(sums);
    };
    expect(byCashier([period])).toEqual(byCashier(days));
    expect([period.firstPaymentAt, period.lastPaymentAt]).toEqual([days[0].firstPaymentAt, days[3].lastPaymentAt]);
    // Of the period's refunds, only the one of a sale from before it is of an earlier sale: 31 October's is the
    // period's own, though its Day report (2 November's) counts it as of an earlier day.
    expect([period.earlierSalesRefundCount, period.earlierSalesRefunded]).toEqual([1, cny(700)]);
    expect(days[3].earlierSalesRefundCount).toBe(2);
  });

  it("is a file in the owner's language: the figures, then a row a day", async () => {
    const en = await get(`/api/reports/period?from=${DAYS[0]}&to=${DAYS[4]}&format=csv`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(en.headers.get('content-disposition')).toBe(`attachment; filename="period-report-${DAYS[0]}-to-${DAYS[4]}.csv"`);
    const lines = String(en.body).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['Report,Period report', 'Currency,CNY', 'Time zone,America/New_York', `Period from,${DAYS[0]}`, `Period to,${DAYS[4]}`]);
    expect(lines).toContain('Payments,6,');
    expect(lines).toContain('Of which sales made before this period,700,7.00');
    const heading = lines.indexOf('By day');
    expect(heading).toBeGreaterThan(0);
    expect(lines[heading + 1]).toBe(
      'Day,Payments,Sales (before coupons) (CNY),Coupon savings (CNY),Customers paid (CNY),Shop receives (CNY),Refunds,Sales refunded (CNY),Paid back by refunds (CNY),Shop keeps after refunds (CNY),Cash in the till (CNY),' +
        'Not paid after a decline: customer left (payments),Not paid after a decline: customer left (CNY)',
    );
    const rows = lines.slice(heading + 2, heading + 2 + DAYS.length);
    expect(rows.map((r) => r.split(',').slice(0, 3).join(','))).toEqual([`${DAYS[0]},1,10.00`, `${DAYS[1]},1,11.00`, `${DAYS[2]},3,39.00`, `${DAYS[3]},1,15.00`, `${DAYS[4]},0,0.00`]);
    expect(rows[4]!.split(',').at(-3)).toBe('50.00');
    // The day it was written off has it; the days' column sums to the figure above them.
    expect(rows.map((r) => r.split(',').slice(-2).join(','))).toEqual(['0,0.00', '0,0.00', '0,0.00', '1,8.00', '0,0.00']);
    expect(lines).toContain('Not paid after a decline: customer left,800,8.00');

    const zh = String((await get(`/api/reports/period?from=${DAYS[0]}&to=${DAYS[4]}&format=csv&lang=zh`)).body).replace(/^\uFEFF/, '');
    expect(zh.startsWith('报表,期间报表\r\n')).toBe(true);
    expect(zh).toContain(`\r\n截止,${DAYS[4]}\r\n`);
    expect(zh).toContain('\r\n按日\r\n日期,收款笔数,');
  });

  it('refuses a span it cannot answer with 400 naming the day at fault', async () => {
    const refused = async (query: string) => {
      const res = await get(`/api/reports/period?${query}`);
      return [res.status, res.body.error?.code, res.body.error?.field];
    };
    expect(await refused('from=2026-11-01')).toEqual([400, 'INVALID_REQUEST', 'to']);
    expect(await refused('from=2026-11-1&to=2026-11-03')).toEqual([400, 'INVALID_REQUEST', 'from']);
    expect(await refused('from=2026-02-30&to=2026-03-03')).toEqual([400, 'INVALID_REQUEST', 'from']);
    expect(await refused('from=2026-10-01&to=2026-09-31')).toEqual([400, 'INVALID_REQUEST', 'to']);
    // Backwards.
    expect(await refused('from=2026-11-02&to=2026-11-01')).toEqual([400, 'INVALID_REQUEST', 'to']);
    // Tomorrow on the shop's clock (it is 10:00 on 3 November in New York).
    expect(await refused('from=2026-11-01&to=2026-11-04')).toEqual([400, 'INVALID_REQUEST', 'to']);
    // 93 days; 92 are answered.
    expect(await refused('from=2026-08-03&to=2026-11-03')).toEqual([400, 'INVALID_REQUEST', 'to']);
    const longest = await get('/api/reports/period?from=2026-08-04&to=2026-11-03');
    expect([longest.status, longest.body.byDay?.length]).toEqual([200, 92]);
    expect((await api.request('GET', '/api/reports/period?from=2026-11-01&to=2026-11-03')).status).toBe(401);
  });

  it('is read by any cashier of the shop, as the Day report, with only their own line of By cashier', async () => {
    const res = await get(`/api/reports/period?from=${DAYS[0]}&to=${DAYS[4]}`, cafe);
    expect(res.status).toBe(200);
    const day = (await get(`/api/reports/daily?date=${DAYS[2]}`, cafe)).body;
    expect(res.body.byCashier.map((c: any) => c.handle)).toEqual(['cashier-1']);
    expect(day.byCashier.map((c: any) => c.handle)).toEqual(['cashier-1']);
    // The shop's figures are the shop's, whoever reads them.
    expect(res.body.count).toBe(6);
  });
});
