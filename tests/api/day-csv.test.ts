import { beforeAll, describe, expect, it } from 'vitest';
import { COUPON_REFUSALS } from '../../api/coupons/verify.js';
import { DECLINE_REASONS } from '../../api/payments/states.js';
import { CSV_WORDS } from '../../api/reports/csv-words.js';
import { dayBounds, dateIn } from '../../api/reports/days.js';
import { en } from '../../src/lib/i18n/en.js';
import { enCashier } from '../../src/lib/i18n/en-cashier.js';
import { enNotPaid } from '../../src/lib/i18n/en-not-paid.js';
import { zh } from '../../src/lib/i18n/zh.js';
import { zhCashier } from '../../src/lib/i18n/zh-cashier.js';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

/**
 * The Day report's own CSV, for the shop's accountant: the day's figures as the X and Z files give them, then the
 * day's payments, a row each (time on the shop's clock, payment, customer, who rang it up, status, amounts), with the
 * refunds made that day and who gave them: a refund the next day is the next day's, and a refund today of
 * yesterday's sale is counted in the figures and listed after the day's payments, as a refund, not as a sale.
 */
describe.each(dialects)("the Day report's CSV on %s", (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let day: string;
  let yesterday: string;
  const ids: Record<string, string> = {};

  async function refund(paymentId: string, amount?: number, token = cafe) {
    const res = await api.request('POST', `/api/payments/${paymentId}/refunds`, { token, key: newKey(), body: amount === undefined ? {} : { amount: cny(amount) } });
    expect(res.status).toBe(201);
  }
  async function sale(name: string, cashier: string, customer: string, amount: number, coupon?: string) {
    const paid = await pay(api, cashier, await newCode(api, customer, coupon), amount);
    expect(paid.status).toBe(201);
    ids[name] = paid.body.payment.id;
    api.clock.advance(60_000);
  }

  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: ZONE });
    // Sessions expire: everyone signs in again after the clock moves on a day.
    const signIns = async () => {
      cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
      manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
      return [await api.signIn('customer', 'alice', '1111'), await api.signIn('customer', 'bob', '2222'), await api.signIn('customer', 'carol', '3333')];
    };
    await signIns();
    // A campaign whose title a spreadsheet would run as a formula.
    const campaign = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: '=SUM(1,2)', rule: { kind: 'fixed', off: 100 }, validUntil: new Date(api.clock.now() + 30 * 24 * HOUR).toISOString() },
    });
    expect(campaign.status).toBe(201);
    const granted = await api.request('POST', `/api/campaigns/${campaign.body.campaign.id}/grants`, { token: manager, key: newKey(), body: { customer: 'alice' } });
    expect(granted.status).toBe(201);

    // Tomorrow in Shanghai is the day of the file; bob's sale half an hour before it began is the day before's.
    day = dateIn(api.clock.now() + 24 * HOUR, ZONE);
    yesterday = dateIn(api.clock.now(), ZONE);
    const [start, end] = dayBounds(day, ZONE);
    api.clock.advance(start - 30 * 60_000 - api.clock.now());
    const [, bobBefore] = await signIns();
    await sale('yesterday', cafe, bobBefore!, 3000);
    // A decline of the day before: its file's, not this one's.
    const declinedBefore = await pay(api, cafe, '880000000000000002', 900);
    expect(declinedBefore.status).toBe(402);
    ids.declinedBefore = declinedBefore.body.payment.id;

    api.clock.advance(start + 9 * HOUR - api.clock.now());
    const [alice, bob, carol] = (await signIns()) as [string, string, string];
    await sale('platformCoupon', cafe, alice, 4530, await couponId(api, alice, 'percent'));
    await sale('shopCoupon', cafe, bob, 6000, await couponId(api, bob, 'threshold'));
    await sale('refundedInFull', cafe, carol, 1200);
    await sale('formula', manager, alice, 500, granted.body.coupon.id);
    const declined = await pay(api, cafe, '880000000000000001', 700);
    expect(declined.status).toBe(402);
    ids.declined = declined.body.payment.id;
    // The customer paid that one in cash; the manager noted it, with a note a spreadsheet would run as a formula.
    const cash = await api.request('POST', `/api/payments/${ids.declined}/paid-in-cash`, { token: manager, key: newKey(), body: { note: '-paid by the man in blue, 7.00' } });
    expect(cash.status).toBe(201);
    // The owner gives two of the refunds, of sales cashier-1 rang up: By cashier counts them the owner's.
    await refund(ids.platformCoupon!, 2000, manager);
    await refund(ids.refundedInFull!);
    await refund(ids.yesterday!, 1000, manager);

    // More declines, each for another reason. carol's ¥50.00 with ¥20.00 in her wallet, noted not paid: the till's
    // answer says she was ¥30.00 short, which the file must not (DESIGN.md: it would give her balance away).
    api.clock.advance(60_000);
    const short = await pay(api, cafe, await newCode(api, carol), 5000);
    expect(short.status).toBe(402);
    expect(short.body.payment).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', shortBy: { amount: 3000 } });
    ids.short = short.body.payment.id;
    const notPaid = await api.request('POST', `/api/payments/${ids.short}/not-paid`, { token: cafe, key: newKey(), body: { note: 'left' } });
    expect(notPaid.status).toBe(201);
    // alice's ¥10 off ¥50 on a ¥30.00 order, rung up by the owner: nothing noted.
    api.clock.advance(60_000);
    const belowMinimum = await pay(api, manager, await newCode(api, alice, await couponId(api, alice, 'threshold')), 3000);
    expect(belowMinimum.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'BELOW_MINIMUM' });
    ids.belowMinimum = belowMinimum.body.payment.id;
    // bob's code held up two minutes after it was shown: a stale code's decline names no customer to the shop. It is
    // paid in cash the next morning, which this day's file does not say.
    api.clock.advance(60_000);
    const stale = await newCode(api, bob);
    api.clock.advance(2 * 60_000);
    const expired = await pay(api, cafe, stale, 800);
    expect(expired.body.payment).toMatchObject({ reason: 'CODE_EXPIRED' });
    ids.expired = expired.body.payment.id;

    // The next morning: a refund of the day's sale, which the day's file does not count, cash for its expired code's
    // sale, and a decline of that day.
    api.clock.advance(end + HOUR - api.clock.now());
    await signIns();
    await refund(ids.shopCoupon!, 600);
    expect((await api.request('POST', `/api/payments/${ids.expired}/paid-in-cash`, { token: cafe, key: newKey(), body: { note: 'came back' } })).status).toBe(201);
    expect((await pay(api, cafe, '880000000000000003', 1100)).status).toBe(402);
  });
  useInvariantCheck(() => api);

  const file = async (lang?: string) => {
    const res = await api.request('GET', `/api/reports/daily?date=${day}&format=csv${lang ? `&lang=${lang}` : ''}`, { token: cafe });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="day-report-${day}.csv"`);
    return (res.body as string).split('\r\n');
  };
  /** A list: the rows after its heading, up to the blank line that ends it (or the file's end). */
  const list = (lines: string[], heading: string) => {
    const rows = lines.slice(lines.indexOf(heading) + 1);
    return rows.slice(0, rows.includes('') ? rows.indexOf('') : rows.length);
  };
  /**
   * The payments' list, read a column at a time by its heading (a money column's without its currency), so a test
   * does not break, or read the wrong column, when a column is added before the one it reads.
   */
  const paymentColumns = (lines: string[]) => {
    const heading = lines.find((l) => l.startsWith('Time,') || l.startsWith('时间,'))!;
    const names = heading.split(',').map((h) => h.replace(/ ?[(（]CNY[)）]$/, ''));
    const rows = list(lines, heading).map((r) => r.replace(/"[^"]*"/g, 'text').split(','));
    return (name: string) => {
      const i = names.indexOf(name);
      expect(i, `a column headed ${name}`).toBeGreaterThanOrEqual(0);
      return rows.map((r) => r[i]!);
    };
  };
  /** A column of amounts in the major unit, summed in minor units. */
  const sumMinor = (cells: string[]) => cells.reduce((sum, c) => sum + Math.round(Number(c) * 100), 0);

  it("lists the day's payments, a row each, with the refunds made that day; the day's figures stand above them", async () => {
    const lines = await file();
    expect(lines.slice(0, 4)).toEqual(['Report,Day report', 'Currency,CNY', 'Time zone,Asia/Shanghai', `Day,${day}`]);
    expect(lines).toContain('Payments,4,');
    expect(lines).toContain('Declined,4,');
    // Refunds made on the day: alice's 20.00, carol's 12.00 and 10.00 of bob's sale of the day before.
    expect(lines).toContain('Refunds,3,');
    expect(lines).toContain('Sales refunded,4200,42.00');

    const heading =
      'Time,Taken offline at,Payment,Customer,Cashier,Status,Amount (CNY),Coupon saving (CNY),Paid by,Campaign,Customer paid (CNY),Shop receives (CNY),Sales refunded on this day (CNY),Paid back by refunds on this day (CNY),Refunded by,Shop keeps after refunds (CNY)';
    const rows = list(lines, heading);
    expect(rows).toEqual([
      // DESIGN.md "Ledger": the platform funded the coupon, so the shop was settled all 45.30 and a refund of 20.00
      // takes exactly 20.00 from it (17.00 to alice's wallet, 3.00 back to the platform): it keeps 25.30. cashier-1
      // rang it up; the owner gave the refund.
      `${day} 09:00:00,,${ids.platformCoupon},alice,cashier-1,Part refunded,45.30,6.79,Platform,"15% off, at most ¥20",38.51,45.30,20.00,20.00,owner,25.30`,
      // Refunded in part the next day: on this day it was paid, and nothing of it was refunded.
      `${day} 09:01:00,,${ids.shopCoupon},bob,cashier-1,Paid,60.00,10.00,Shop,¥10 off orders of ¥50 or more,50.00,50.00,0.00,0.00,,50.00`,
      `${day} 09:02:00,,${ids.refundedInFull},carol,cashier-1,Refunded,12.00,0.00,,,12.00,12.00,12.00,12.00,cashier-1,0.00`,
      // A title a spreadsheet would run as a formula is written as text.
      `${day} 09:03:00,,${ids.formula},alice,owner,Paid,5.00,1.00,Shop,"'=SUM(1,2)",4.00,4.00,0.00,0.00,,4.00`,
      // Today's refund of the day before's sale: not a sale of the day, but what it paid back is the day's. Its
      // Cashier is who rang up the sale, as in the rows above; the owner gave the refund.
      `${day} 09:04:00,,${ids.yesterday},bob,cashier-1,Refund of a sale of ${yesterday},,,,,,,10.00,10.00,owner,-10.00`,
    ]);
  });

  it("a refund is in the manager's By cashier for who gave it, as the rows' Refunded by says; a cashier's file has only their own line", async () => {
    const res = await api.request('GET', `/api/reports/daily?date=${day}&format=csv`, { token: manager });
    const lines = (res.body as string).split('\r\n');
    const byCashierHeading = lines[lines.indexOf('By cashier') + 2]!;
    const givenColumn = byCashierHeading.split(',').indexOf('Paid back by refunds given (CNY)');
    const byCashier = list(lines, byCashierHeading).map((r) => r.split(','));
    const screen = (await api.request('GET', `/api/reports/daily?date=${day}`, { token: manager })).body.byCashier as { handle: string; refundedCash: { amount: number }; refundedSubsidy: { amount: number } }[];
    const paidBackGiven = Object.fromEntries(screen.map((r) => [r.handle, r.refundedCash.amount + r.refundedSubsidy.amount]));
    // The owner gave 20.00 and 10.00, cashier-1 12.00, whoever rang the sales up.
    expect(paidBackGiven).toEqual({ 'cashier-1': 1200, owner: 3000 });
    expect(Object.fromEntries(byCashier.map((r) => [r[0], Math.round(Number(r[givenColumn]) * 100)]))).toEqual(paidBackGiven);
    // The rows' paid back, summed by their Refunded by, is the same.
    const column = paymentColumns(lines);
    const paidBack = column('Paid back by refunds on this day');
    const byGiver: Record<string, number> = {};
    column('Refunded by').forEach((giver, i) => {
      if (giver) byGiver[giver] = (byGiver[giver] ?? 0) + Math.round(Number(paidBack[i]) * 100);
    });
    expect(byGiver).toEqual(paidBackGiven);

    const own = await file();
    expect(own[own.indexOf('Your figures') + 3]).toMatch(/^cashier-1,/);
    expect(own).not.toContain('By cashier');
  });

  it('lists the declined payments paid in cash that day after the payments, a row each, adding up to their figure', async () => {
    const lines = await file();
    expect(lines).toContain('Paid in cash after a decline (payments),1,');
    expect(lines).toContain('Paid in cash after a decline,700,7.00');
    const heading = 'Time,Payment,Cashier,Paid in cash (CNY),Note';
    // A list of its own: not sales (they are not in "Shop receives"), so the payments' columns still add up.
    expect(lines[lines.indexOf(heading) - 1]).toBe('Paid in cash after a decline');
    expect(list(lines, heading)).toEqual([`${day} 09:04:00,${ids.declined},owner,7.00,"'-paid by the man in blue, 7.00"`]);

    const zh = await file('zh');
    const zhHeading = '时间,付款单号,收银员,现金收款（CNY）,备注';
    expect(zh[zh.indexOf(zhHeading) - 1]).toBe('拒付后以现金收款');
    expect(list(zh, zhHeading)).toEqual(list(lines, heading));
  });

  it("lists the day's declined payments apart, a row each for its Declined: when, whose, how much, why, and what was noted of it", async () => {
    const lines = await file();
    const heading = 'Time,Payment,Customer,Cashier,Amount asked (CNY),Why declined,Noted by the day’s end';
    expect(lines[lines.indexOf(heading) - 1]).toBe('Declined (nothing charged)');
    const rows = list(lines, heading);
    expect(rows).toEqual([
      // The stale number paid in cash: no customer is known.
      `${day} 09:04:00,${ids.declined},,cashier-1,7.00,That is not a live payment code.,Paid in cash afterwards`,
      // No shortfall: only what the sale asked.
      `${day} 09:05:00,${ids.short},carol,cashier-1,50.00,Balance too low for this amount.,Not paid: customer left`,
      `${day} 09:06:00,${ids.belowMinimum},alice,owner,30.00,Order below the coupon’s minimum spend. (¥10 off orders of ¥50 or more),Nothing noted`,
      // bob's stale code names no one; the cash taken for it the next morning is the next day's.
      `${day} 09:09:00,${ids.expired},,cashier-1,8.00,"This code was put away, replaced or expired on the customer’s phone.",Nothing noted`,
    ]);
    expect(rows).toHaveLength(Number(lines.find((l) => l.startsWith('Declined,'))!.split(',')[1]));
    expect(lines.join('\n')).not.toContain(ids.declinedBefore!);
    // Before the lists of what was noted of them, which are as they were.
    expect(lines.indexOf(heading)).toBeLessThan(lines.indexOf('Paid in cash after a decline'));
    expect(lines[lines.indexOf('Not paid after a decline: customer left') + 2]).toBe(`${day} 09:05:00,${ids.short},cashier-1,50.00,left`);

    const zh = await file('zh');
    const zhHeading = '时间,付款单号,顾客,收银员,应付金额（CNY）,拒付原因,当日结束时的记录';
    expect(zh[zh.indexOf(zhHeading) - 1]).toBe('被拒的收款（未扣款）');
    expect(list(zh, zhHeading)).toEqual([
      `${day} 09:04:00,${ids.declined},,cashier-1,7.00,这不是有效的付款码。,随后已现金支付`,
      `${day} 09:05:00,${ids.short},carol,cashier-1,50.00,余额不足。,未付款：顾客已离开`,
      `${day} 09:06:00,${ids.belowMinimum},alice,owner,30.00,订单金额未达到优惠券的最低消费。（满¥50减¥10）,无记录`,
      `${day} 09:09:00,${ids.expired},,cashier-1,8.00,此付款码已在顾客手机上收起、换新或过期。,无记录`,
    ]);
  });

  it("the rows add up to the day's figures", async () => {
    const lines = await file();
    const figure = (name: string) => Number(lines.find((l) => l.startsWith(`${name},`))!.split(',')[1]);
    const column = paymentColumns(lines);
    expect(sumMinor(column('Amount'))).toBe(figure('Sales (before coupons)'));
    expect(sumMinor(column('Coupon saving'))).toBe(figure('Coupon savings'));
    expect(sumMinor(column('Customer paid'))).toBe(figure('Customers paid'));
    expect(sumMinor(column('Shop receives'))).toBe(figure('Shop receives'));
    // The day's refunds, of its own sales and the 10.00 of the sale from the day before.
    expect(sumMinor(column('Sales refunded on this day'))).toBe(figure('Sales refunded'));
    expect(sumMinor(column('Paid back by refunds on this day'))).toBe(figure('Paid back by refunds'));
    expect(sumMinor(column('Shop keeps after refunds'))).toBe(figure('Shop keeps after refunds'));
  });

  it("the rows' savings, by who paid for them, add up to the day's savings paid by the shop and by the platform, as the screen's", async () => {
    const lines = await file();
    const figure = (name: string) => Number(lines.find((l) => l.startsWith(`${name},`))!.split(',')[1]);
    const column = paymentColumns(lines);
    const savings = column('Coupon saving');
    const paidBy = (who: string) => sumMinor(savings.filter((_, i) => column('Paid by')[i] === who));
    // alice's 15% (6.79) the platform paid for; bob's ¥10 off ¥50 and the owner's ¥1 campaign the shop did.
    expect([paidBy('Shop'), paidBy('Platform')]).toEqual([1100, 679]);
    expect(paidBy('Shop')).toBe(figure('Savings paid by the shop'));
    expect(paidBy('Platform')).toBe(figure('Savings paid by the platform'));
    // The Day screen's split is the file's.
    const json = await api.request('GET', `/api/reports/daily?date=${day}`, { token: cafe });
    expect(json.body).toMatchObject({
      deduction: { amount: 1779, currency: 'CNY' },
      deductionMerchantFunded: { amount: 1100, currency: 'CNY' },
      deductionPlatformFunded: { amount: 679, currency: 'CNY' },
    });
  });

  it('in Chinese, the headings, statuses and who paid are Chinese; amounts, times and ids are the same', async () => {
    const [en, zh] = [await file('en'), await file('zh')];
    expect(zh.slice(0, 4)).toEqual(['报表,日报', '币种,CNY', '时区,Asia/Shanghai', `日期,${day}`]);
    const heading =
      '时间,离线收款时间,付款单号,顾客,收银员,状态,订单金额（CNY）,优惠（CNY）,承担方,活动,顾客实付（CNY）,商户实收（CNY）,当日退款销售额（CNY）,当日退款支出（CNY）,退款办理人,退款后商户实收（CNY）';
    const rows = list(zh, heading);
    // A campaign whose title only restates its rule is named as the Chinese screens name it.
    expect(rows[0]).toBe(`${day} 09:00:00,,${ids.platformCoupon},alice,cashier-1,部分退款,45.30,6.79,平台,8.5折，最多减¥20,38.51,45.30,20.00,20.00,owner,25.30`);
    expect(rows[1]).toContain(',商户,满¥50减¥10,');
    expect(paymentColumns(zh)('状态')).toEqual(['部分退款', '已付款', '已退款', '已付款', `退款（${yesterday} 的销售）`]);
    const numbers = (r: string) => r.split(',').filter((c) => /^[\d.: -]+$/.test(c));
    expect(rows.map(numbers)).toEqual(list(en, en.find((l) => l.startsWith('Time,'))!).map(numbers));
  });

  it('a day with no payments is a file with its figures and an empty list; the JSON report is unchanged', async () => {
    const lines = await file();
    const empty = (await api.request('GET', `/api/reports/daily?date=2020-01-01&format=csv`, { token: cafe })).body.split('\r\n');
    expect(empty).toContain('Payments,0,');
    expect(list(empty, lines.find((l) => l.startsWith('Time,'))!)).toEqual([]);
    const json = await api.request('GET', `/api/reports/daily?date=${day}`, { token: cafe });
    expect(json.body).toMatchObject({ date: day, count: 4, declinedCount: 4 });
    expect((await api.request('GET', `/api/reports/daily?date=${day}&format=csv`, {})).status).toBe(401);
  });
});

/** The words of the declines' list are the screens' (Today's list, the counter), so one decline reads the same in both. */
describe("the Day report's CSV words for a decline", () => {
  it("a decline's reason is in the words the screens give it, in both languages", () => {
    for (const [lang, core, cashier, notPaid] of [['en', en, enCashier, enNotPaid], ['zh', zh, zhCashier, zhCashier]] as const) {
      const w = CSV_WORDS[lang];
      for (const reason of DECLINE_REASONS) expect(w.declineReasons[reason], `${lang} ${reason}`).toBe(core[`decline.${reason}`]);
      for (const detail of COUPON_REFUSALS) expect(w.declineDetails[detail], `${lang} ${detail}`).toBe(core[`decline.detail.${detail}`]);
      expect(w.declineDetails.USED_AFTER_SCAN).toBe(core['decline.CODE_USED.afterScan']);
      expect(w.declineDetails.USED_HERE).toBe(cashier['charge.usedHere']);
      expect(w.withCoupon('R', 'C')).toBe(core['decline.withCoupon'].replace('{reason}', 'R').replace('{coupon}', 'C'));
      expect(w.declinedList.paidInCash).toBe(cashier['payments.paidInCash']);
      expect(w.declinedList.notPaid).toBe(notPaid['payments.notPaid']);
    }
  });
});
