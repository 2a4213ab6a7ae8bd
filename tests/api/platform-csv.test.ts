import { beforeAll, describe, expect, it } from 'vitest';
import { ruleColumns } from '../../api/coupons/campaigns.js';
import { grantCoupon } from '../../api/coupons/store.js';
import { newId } from '../../api/ids.js';
import { dateIn, dayBounds, localDateTime } from '../../api/reports/days.js';
import { paymentReference } from '../../src/lib/payments/reference';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

/**
 * The platform statement says which payments its figures are made of: by campaign (uses, savings, what refunds gave
 * back), a row per payment with a platform coupon settled in the period, and a row per refund in it that gave back
 * the subsidy of an earlier sale; on screen the first of them, in its file (format=csv) all, in the owner's
 * language. The owner matches the platform's payout line by line with it: the rows add up to the figures.
 */
describe.each(dialects)('the platform statement by payment, and its CSV, on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let day: string;
  let earlierDay: string;
  const ids: Record<string, string> = {};
  const at: Record<string, number> = {};
  let signIns: () => Promise<Record<'alice' | 'bob' | 'carol', string>>;

  const refund = async (paymentId: string, amount: number) =>
    expect((await api.request('POST', `/api/payments/${paymentId}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(amount) } })).status).toBe(201);
  async function sale(name: string, customer: string, amount: number, coupon: string) {
    const paid = await pay(api, cafe, await newCode(api, customer, coupon), amount);
    expect(paid.status).toBe(201);
    ids[name] = paid.body.payment.id;
    at[name] = api.clock.now();
    api.clock.advance(60_000);
  }

  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: ZONE });
    signIns = async () => {
      cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
      manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
      return { alice: await api.signIn('customer', 'alice', '1111'), bob: await api.signIn('customer', 'bob', '2222'), carol: await api.signIn('customer', 'carol', '3333') };
    };
    day = dateIn(api.clock.now() + 24 * HOUR, ZONE);
    earlierDay = dateIn(api.clock.now(), ZONE);
    const [start, end] = dayBounds(day, ZONE);
    // Half an hour before the day: bob's ¥10.01 with ¥5 off by the platform, an earlier statement's sale.
    api.clock.advance(start - 30 * 60_000 - api.clock.now());
    let who = await signIns();
    await sale('earlier', who.bob, 1_001, await couponId(api, who.bob, 'fixed'));

    api.clock.advance(start + 9 * HOUR - api.clock.now());
    who = await signIns();
    // 15% off ¥100 (¥15 by the platform), ¥5 off ¥20 (the platform's), and ¥10 off ¥60 the shop pays: not listed.
    await sale('percent', who.alice, 10_000, await couponId(api, who.alice, 'percent'));
    await sale('fixed', who.carol, 2_000, await couponId(api, who.carol, 'fixed'));
    await sale('shop', who.bob, 6_000, await couponId(api, who.bob, 'threshold'));
    // Half of the ¥100 refunded (¥7.50 back to the platform), and bob's earlier sale in full (¥5 back).
    await refund(ids.percent!, 5_000);
    at.refundEarlier = api.clock.now();
    await refund(ids.earlier!, 1_001);

    // The next morning carol's is refunded: the next statement's, not this one's.
    api.clock.advance(end + HOUR - api.clock.now());
    await signIns();
    await refund(ids.fixed!, 2_000);
  });
  useInvariantCheck(() => api);

  const statement = async (query: string, token = manager) => {
    const res = await api.request('GET', `/api/reports/platform?from=${day}&to=${day}${query}`, { token });
    expect(res.status).toBe(200);
    return res;
  };
  /** A list: the rows after its heading, up to the blank line that ends it (or the file's end). */
  const list = (lines: string[], heading: string) => {
    expect(lines).toContain(heading);
    const rows = lines.slice(lines.indexOf(heading) + 1);
    return rows.slice(0, rows.includes('') ? rows.indexOf('') : rows.length);
  };
  const local = (name: string) => localDateTime(at[name]!, ZONE);
  const ref = (name: string) => paymentReference(ids[name]!);

  it('gives the figures by campaign and a row per payment and per refund of an earlier sale, adding up to the statement', async () => {
    const { body } = await statement('');
    expect(body).toMatchObject({ payments: 2, subsidy: cny(2_000), subsidyReturnedByRefunds: cny(1_250), earlierSalesSubsidyReturned: cny(500), platformFunded: cny(750), reconciled: true });
    expect(body.byCampaign.map((c: any) => [c.campaign.title, c.uses, c.saving.amount, c.subsidyReturned.amount])).toEqual([
      ['15% off, at most ¥20', 1, 1_500, 750],
      // carol's sale and the refund of bob's earlier one.
      ['¥5 off', 1, 500, 500],
    ]);
    expect(body.byCampaign[0].campaign.rule).toEqual({ kind: 'percent', percent: 15, cap: 2_000 });
    expect(body.list.payments).toEqual([
      {
        id: ids.percent,
        settledAt: new Date(at.percent!).toISOString(),
        customer: 'alice',
        campaign: expect.objectContaining({ title: '15% off, at most ¥20' }),
        amount: cny(10_000),
        saving: cny(1_500),
        subsidyReturned: cny(750),
      },
      // Refunded the next day: nothing of it came back in this period.
      { id: ids.fixed, settledAt: new Date(at.fixed!).toISOString(), customer: 'carol', campaign: expect.objectContaining({ title: '¥5 off' }), amount: cny(2_000), saving: cny(500), subsidyReturned: cny(0) },
    ]);
    expect(body.list.earlierRefunds).toEqual([
      { paymentId: ids.earlier, at: new Date(at.refundEarlier!).toISOString(), saleSettledAt: new Date(at.earlier!).toISOString(), customer: 'bob', campaign: expect.objectContaining({ title: '¥5 off' }), subsidy: cny(500) },
    ]);
    expect(body.list).toMatchObject({ morePayments: 0, moreEarlierRefunds: 0 });
    const sum = (values: { amount: number }[]) => values.reduce((s, v) => s + v.amount, 0);
    expect(sum(body.byCampaign.map((c: any) => c.saving))).toBe(body.subsidy.amount);
    expect(sum(body.byCampaign.map((c: any) => c.subsidyReturned))).toBe(body.subsidyReturnedByRefunds.amount);
    expect(sum(body.list.payments.map((p: any) => p.saving))).toBe(body.subsidy.amount);
    expect(sum(body.list.earlierRefunds.map((r: any) => r.subsidy))).toBe(body.earlierSalesSubsidyReturned.amount);
  });

  it('downloads as CSV: the figures, by campaign, then a row each, whose columns add up to the figures', async () => {
    const res = await statement('&format=csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="platform-statement-${day}-to-${day}.csv"`);
    const text = res.body as string;
    // (The byte-order mark before it is read away with the text; the browser test sees it in the file saved.)
    expect(text.startsWith('Report,Platform coupons statement\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['Report,Platform coupons statement', 'Currency,CNY', 'Time zone,Asia/Shanghai', `From,${day}`, `To,${day}`]);
    for (const line of [
      'Payments with a platform coupon,2,',
      'Platform’s coupon savings,2000,20.00',
      'Given back by refunds of these sales,750,7.50',
      'Given back by refunds of earlier sales,500,5.00',
      'The platform pays the shop (below zero: the shop pays back),750,7.50',
      'Ledger: moved from the platform to the shop,750,7.50',
      'Matches the ledger,Yes,',
    ]) {
      expect(lines).toContain(line);
    }
    expect(list(lines, 'Campaign,Uses,Platform’s coupon savings (CNY),Given back by refunds (CNY)')).toEqual(['"15% off, at most ¥20",1,15.00,7.50', '¥5 off,1,5.00,5.00']);
    const heading =
      'Time,Payment,Reference,Customer,Campaign,Row,Amount (CNY),Platform’s saving (CNY),Given back by refunds in this period (CNY),The platform pays (CNY)';
    const rows = list(lines, heading);
    expect(rows).toEqual([
      `${local('percent')},${ids.percent},${ref('percent')},alice,"15% off, at most ¥20",Sale,100.00,15.00,7.50,7.50`,
      `${local('fixed')},${ids.fixed},${ref('fixed')},carol,¥5 off,Sale,20.00,5.00,0.00,5.00`,
      `${local('refundEarlier')},${ids.earlier},${ref('earlier')},bob,¥5 off,Refund of a sale of ${earlierDay},,,5.00,-5.00`,
    ]);
    // The columns add up to the figures above them.
    const figure = (name: string) => Number(lines.find((l) => l.startsWith(`${name},`))!.split(',')[1]);
    const cells = rows.map((r) => r.replace(/"[^"]*"/g, 'text').split(','));
    const column = (i: number) => Math.round(cells.reduce((s, r) => s + Number(r[i] || 0) * 100, 0));
    expect(cells).toHaveLength(figure('Payments with a platform coupon') + 1);
    expect(column(7)).toBe(figure('Platform’s coupon savings'));
    expect(column(8)).toBe(figure('Given back by refunds of these sales') + figure('Given back by refunds of earlier sales'));
    expect(column(9)).toBe(figure('The platform pays the shop (below zero: the shop pays back)'));
  });

  it('in Chinese: the headings, rows and campaigns as the Chinese screens name them; the numbers are the same', async () => {
    const [en, zh] = [(await statement('&format=csv&lang=en')).body as string, (await statement('&format=csv&lang=zh')).body as string].map((t) => t.split('\r\n')) as [string[], string[]];
    expect(zh.slice(0, 5)).toEqual(['报表,平台券结算单', '币种,CNY', '时区,Asia/Shanghai', `开始日期,${day}`, `结束日期,${day}`]);
    expect(zh).toContain('平台承担的优惠,2000,20.00');
    expect(zh).toContain('与账本一致,是,');
    expect(list(zh, '活动,使用次数,平台承担的优惠（CNY）,退款退回（CNY）')).toEqual(['8.5折，最多减¥20,1,15.00,7.50', '立减¥5,1,5.00,5.00']);
    const rows = list(zh, '时间,付款单号,参考号,顾客,活动,类型,订单金额（CNY）,平台承担的优惠（CNY）,本期退款退回（CNY）,平台应付（CNY）');
    expect(rows[0]).toBe(`${local('percent')},${ids.percent},${ref('percent')},alice,8.5折，最多减¥20,销售,100.00,15.00,7.50,7.50`);
    expect(rows[2]).toContain(`,bob,立减¥5,退款（${earlierDay} 的销售）,,,5.00,-5.00`);
    const numbers = (r: string) => r.split(',').filter((c) => /^-?[\d.: -]+$/.test(c));
    expect(rows.map(numbers)).toEqual(list(en, en.find((l) => l.startsWith('Time,'))!).map(numbers));
  });

  it('is for managers only, and a bad format is refused', async () => {
    expect((await api.request('GET', `/api/reports/platform?from=${day}&to=${day}&format=csv`, { token: cafe })).status).toBe(403);
    const bad = await api.request('GET', `/api/reports/platform?from=${day}&to=${day}&format=xls`, { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_REQUEST', field: 'format' });
  });

  it('a long period lists the first 100 payments on screen and says how many more; the file holds them all', async () => {
    // Two days later: a platform campaign of ¥0.10 off, used 101 times.
    const later = dateIn(dayBounds(day, ZONE)[1] + 48 * HOUR, ZONE);
    api.clock.advance(dayBounds(later, ZONE)[0] + 9 * HOUR - api.clock.now());
    const { alice } = await signIns();
    const db = api.deps.db.kysely;
    const now = api.clock.now();
    const campaignId = newId('cmp', now);
    await db
      .insertInto('campaigns')
      .values({
        id: campaignId,
        issuer_merchant_id: null,
        title: 'Dime off',
        funding: 'platform',
        ...ruleColumns({ kind: 'fixed', off: 10 }),
        valid_from: now,
        valid_until: now + 30 * 24 * HOUR,
        all_merchants: 1,
        minimum_spend: null,
        stock: null,
        issued: 0,
        per_customer_limit: null,
        budget: null,
        spent: 0,
        currency: 'CNY',
        created_at: now,
        shareable: 0,
      })
      .execute();
    const customer = await db.selectFrom('customers').select('id').where('handle', '=', 'alice').executeTakeFirstOrThrow();
    const coupons: string[] = [];
    for (let i = 0; i < 101; i++) coupons.push(await grantCoupon(db, api.dialect, { campaignId, customerId: customer.id, now }));
    for (const coupon of coupons) {
      const paid = await pay(api, cafe, await newCode(api, alice, coupon), 100);
      expect(paid.status).toBe(201);
      api.clock.advance(1_000);
    }
    const screen = await api.request('GET', `/api/reports/platform?from=${later}&to=${later}`, { token: manager });
    expect(screen.body).toMatchObject({ payments: 101, subsidy: cny(1_010) });
    expect(screen.body.list.payments).toHaveLength(100);
    expect(screen.body.list.morePayments).toBe(1);
    const file = (await api.request('GET', `/api/reports/platform?from=${later}&to=${later}&format=csv`, { token: manager })).body as string;
    const lines = file.split('\r\n');
    expect(list(lines, lines.find((l) => l.startsWith('Time,'))!)).toHaveLength(101);
    expect(file).not.toContain('Only the first');
  });
});
