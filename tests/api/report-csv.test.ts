import { beforeAll, describe, expect, it } from 'vitest';
import type { CashierFigures, PeriodFigures } from '../../api/reports/closing.js';
import { csvText, figuresCsv } from '../../api/reports/csv.js';
import { CSV_WORDS, type FigureName } from '../../api/reports/csv-words.js';
import { enManage } from '../../src/lib/i18n/en-manage.js';
import { zhManage } from '../../src/lib/i18n/zh-manage.js';
import { cny, couponId, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/** The reports' CSV files as an owner using the app in Chinese gets them, with the names the screens use. */
describe.each(dialects)("the reports' CSV files on %s", (dialect) => {
  let api: TestApi;
  let manager: string;
  let cafe: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const alice = await api.signIn('customer', 'alice', '1111');
    // ¥45.30 with 15% off (the platform's ¥6.79), ¥20.00 of it refunded: ¥17.00 back to alice, ¥3.00 to the platform
    // (all ¥20.00 from the shop, which was settled all of ¥45.30).
    const paid = await pay(api, cafe, await newCode(api, alice, await couponId(api, alice, 'percent')), 4530);
    expect(paid.status).toBe(201);
    const refund = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(2000) } });
    expect(refund.status).toBe(201);
  });
  useInvariantCheck(() => api);

  const csv = async (path: string) => {
    const res = await api.request('GET', path, { token: cafe });
    expect(res.status).toBe(200);
    return res.body as string;
  };

  it("in Chinese (lang=zh) the X report's headings and labels are Chinese, and its numbers and dates are the English file's", async () => {
    const zh = await csv('/api/reports/x?format=csv&lang=zh');
    expect(zh).toMatch(/^报表,X 报表\r\n币种,CNY\r\n时区,UTC\r\n起始,自开店起\r\n生成时间,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\r\n/);
    expect(zh).toContain('\r\n项目,数值（最小货币单位）,数值（CNY）\r\n收款笔数,1,\r\n');
    expect(zh).toContain('\r\n商户实收,4530,45.30\r\n');
    expect(zh).toContain('\r\n退款支出,2000,20.00\r\n退给顾客,1700,17.00\r\n退回平台优惠,300,3.00\r\n退款后商户实收,2530,25.30\r\n');
    // The shop's title only restates the rule: named as the Chinese screens and printed Z name it, not in English.
    expect(zh).toContain('\r\n按优惠活动：8.5折，最多减¥20（使用 1 次；承担方：平台）,679,6.79\r\n');
    for (const english of ['Report', 'Since the shop opened', 'Figure', 'Payments', 'Shop receives', 'Paid by']) expect(zh).not.toContain(english);

    // The same file in English (the default) has the same cells but the words.
    const en = await csv('/api/reports/x?format=csv');
    expect(await csv('/api/reports/x?format=csv&lang=en')).toEqual(en);
    const numbers = (file: string) => file.split('\r\n').map((row) => row.split(',').filter((cell) => /^-?\d[\d.: -]*$/.test(cell)).join(','));
    expect(numbers(zh)).toEqual(numbers(en));
    expect(en).toContain('\r\nShop receives,4530,45.30\r\n');
    expect(en).toContain('\r\n"Savings by campaign: 15% off, at most ¥20 (1 use; Paid by: Platform)",679,6.79\r\n');
  });

  it('in Chinese the Z report says who closed it and which number it is; a language the app does not speak is refused', async () => {
    const closed = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(closed.status).toBe(201);
    const zh = await csv(`/api/reports/z/${closed.body.report.number}?format=csv&lang=zh`);
    expect(zh).toMatch(new RegExp(`^报表,Z 报表 第 ${closed.body.report.number} 号\r\n`));
    expect(zh).toMatch(/\r\n起始,\d{4}-\d{2}-\d{2} [\d:]{8}\r\n日结时间,\d{4}-\d{2}-\d{2} [\d:]{8}\r\n日结人,owner\r\n/);
    expect((await api.request('GET', '/api/reports/x?format=csv&lang=fr', { token: cafe })).status).toBe(400);
  });

  it("a figure's name in the CSV is its name on the screens, in both languages", () => {
    /** The screen's name of each figure the CSV names (fig.* in en-manage.ts and zh-manage.ts), without its count. */
    const screen: Partial<Record<FigureName, keyof typeof enManage>> = {
      count: 'fig.count',
      declined: 'fig.declined',
      amount: 'fig.amount',
      deduction: 'fig.deduction',
      deductionMerchant: 'fig.deductionMerchant',
      deductionPlatform: 'fig.deductionPlatform',
      charged: 'fig.charged',
      settlement: 'fig.settlement',
      refunded: 'fig.refunds',
      refundedEarlierPeriod: 'fig.refundsEarlier',
      paidBack: 'fig.paidBack',
      refundedCash: 'fig.refundedCash',
      refundedSubsidy: 'fig.refundedSubsidy',
      net: 'fig.net',
      paidInCash: 'fig.paidInCash',
      paidInCashEarlierPeriod: 'fig.paidInCashEarlier',
      queued: 'fig.queuedAtClose',
      tillCash: 'fig.till',
      notPaid: 'fig.notPaid',
    };
    for (const [lang, words] of [['en', enManage], ['zh', zhManage]] as const) {
      const withoutCount = (text: string) => text.replace(/ ?[(（]\{count.*[)）]$/, '');
      for (const [figure, key] of Object.entries(screen)) {
        expect(CSV_WORDS[lang].figures[figure as FigureName], `${lang} ${figure}`).toBe(withoutCount(words[key!]));
      }
      expect(CSV_WORDS[lang].byCampaign).toBe(words['fig.byCampaign']);
      expect(words['report.refundsEarlier'].startsWith(CSV_WORDS[lang].figures.refundedEarlierDay)).toBe(true);
      expect(words['report.paidInCashEarlier'].startsWith(CSV_WORDS[lang].figures.paidInCashEarlierDay)).toBe(true);
      expect(CSV_WORDS[lang].fundedBy('platform')).toBe(words['report.fundedBy'].replace('{who}', words['report.fundedPlatform']));
      expect(CSV_WORDS[lang].fundedBy('merchant')).toBe(words['report.fundedBy'].replace('{who}', words['report.fundedMerchant']));
      // "By cashier" (ByCashier.svelte): its headings, its rule, and the names of its figures.
      expect(CSV_WORDS[lang].byCashier).toBe(words['fig.byCashier']);
      expect(CSV_WORDS[lang].byCashierRule).toBe(words['fig.byCashierRule']);
      expect(CSV_WORDS[lang].yourFigures).toBe(words['fig.yourFigures']);
      expect(CSV_WORDS[lang].yourFiguresRule).toBe(words['fig.yourFiguresRule']);
      expect(CSV_WORDS[lang].cashierRemoved('x')).toContain(words['fig.cashierRemoved']);
      const byCashier = CSV_WORDS[lang].cashierColumns;
      for (const column of ['count', 'amount', 'deduction', 'charged', 'declined'] as const) expect(byCashier[column], `${lang} ${column}`).toBe(words[`fig.${column}`]);
      expect(byCashier.paidBack).toBe(withoutCount(words['fig.cashierRefunds']));
      expect(byCashier.paidInCash).toBe(withoutCount(words['fig.paidInCash']));
      expect(byCashier.topUps).toBe(withoutCount(words['fig.topUps']));
      // A count's column is its amount's name with what it counts, as the figures' counts are.
      expect(byCashier.refundCount.startsWith(byCashier.paidBack)).toBe(true);
      expect(byCashier.paidInCashCount).toBe(CSV_WORDS[lang].figures.paidInCashCount);
      expect(byCashier.topUpCount).toBe(CSV_WORDS[lang].figures.topUpCount);
      expect(byCashier.topUpReversalCount).toBe(CSV_WORDS[lang].figures.topUpReversalCount);
      expect(byCashier.topUpsReversed).toBe(CSV_WORDS[lang].figures.topUpsReversed);
      expect(byCashier.tillCash).toBe(words['fig.cashierTill']);
      expect(byCashier.notPaid).toBe(withoutCount(words['fig.notPaid']));
      expect(byCashier.notPaidCount).toBe(CSV_WORDS[lang].figures.notPaidCount);
      expect(words['report.till'].startsWith(CSV_WORDS[lang].figures.tillCashDay)).toBe(true);
    }
  });
});

/**
 * "By cashier" and the till's cash in the files: the X, Z and Day files give each cashier the figures the screens'
 * By cashier gives (the report's JSON answer), a refund counted for who gave it; a cashier who cannot manage gets
 * only their own line, as on screen. Each file says the cash its period put in the till.
 */
describe.each(dialects)("By cashier and the till's cash in the reports' CSV files on %s", (dialect) => {
  let api: TestApi;
  let t: Record<'owner' | 'cafe' | 'alice' | 'bob' | 'carol', string>;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    t = await signInDemo(api, 'owner', 'cafe', 'alice', 'bob', 'carol');
    // cashier-1 rings up alice's ¥45.30 (15% off, the platform's ¥6.79); the owner refunds ¥20.00 of it.
    const paid = await pay(api, t.cafe, await newCode(api, t.alice, await couponId(api, t.alice, 'percent')), 4530);
    expect(paid.status).toBe(201);
    expect((await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: t.owner, key: newKey(), body: { amount: cny(2000) } })).status).toBe(201);
    expect((await pay(api, t.owner, await newCode(api, t.bob), 1000)).status).toBe(201);
    // A decline cashier-1 takes ¥7.00 in cash for; carol's ¥50.00 top-up, and bob's ¥30.00 the owner reverses.
    const declined = await pay(api, t.cafe, '880000000000000001', 700);
    expect(declined.status).toBe(402);
    expect((await api.request('POST', `/api/payments/${declined.body.payment.id}/paid-in-cash`, { token: t.cafe, key: newKey(), body: { note: 'cash' } })).status).toBe(201);
    expect((await api.request('POST', '/api/topups', { token: t.cafe, key: newKey(), body: { code: await newCode(api, t.carol), amount: cny(5000) } })).status).toBe(201);
    const wrong = await api.request('POST', '/api/topups', { token: t.cafe, key: newKey(), body: { code: await newCode(api, t.bob), amount: cny(3000) } });
    expect(wrong.status).toBe(201);
    expect((await api.request('POST', `/api/topups/${wrong.body.topUp.id}/reversal`, { token: t.owner, key: newKey(), body: {} })).status).toBe(201);
  });
  useInvariantCheck(() => api);

  const get = async (path: string, token: string) => {
    const res = await api.request('GET', path, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** A file's "By cashier" (or "Your figures"): its heading, its rule, its columns' row and a row per cashier. */
  const section = (file: string, heading: string) => {
    const lines = file.split('\r\n');
    const at = lines.indexOf(heading);
    expect(at, heading).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('');
    const rows = lines.slice(at + 3);
    return { rule: lines[at + 1], columns: lines[at + 2], rows: rows.slice(0, rows.includes('') ? rows.indexOf('') : rows.length) };
  };
  const COLUMNS =
    'Cashier,Payments,Sales (before coupons) (CNY),Coupon savings (CNY),Customers paid (CNY),Paid back by refunds given (refunds),Paid back by refunds given (CNY),Paid in cash after a decline (payments),Paid in cash after a decline (CNY),Top-ups in cash (top-ups),Top-ups in cash (CNY),Top-ups reversed (top-ups),Top-ups reversed (cash paid back) (CNY),Cash in the till (CNY),Declined,' +
    'Not paid after a decline: customer left (payments),Not paid after a decline: customer left (CNY)';
  /** A cashier's line of the JSON's By cashier as the file writes it: the screen's figures, in the major unit. */
  const asRow = (r: any) => {
    const m = (x: { amount: number }) => (x.amount / 100).toFixed(2);
    return [r.handle, r.count, m(r.amount), m(r.deduction), m(r.charged), r.refundCount, ((r.refundedCash.amount + r.refundedSubsidy.amount) / 100).toFixed(2), r.paidInCashCount, m(r.paidInCash), r.topUpCount, m(r.topUps), r.topUpReversalCount, m(r.topUpsReversed), ((r.paidInCash.amount + r.topUps.amount - r.topUpsReversed.amount) / 100).toFixed(2), r.declinedCount, r.notPaidCount, m(r.notPaid)].join(',');
  };
  const EXPECTED = [
    // cashier-1 rang up the sale; the owner gave its refund (¥17.00 back to alice, ¥3.00 to the platform). The
    // owner's reversal is cash paid out of the till by them: their till column is below zero, as on the screen.
    'cashier-1,1,45.30,6.79,38.51,0,0.00,1,7.00,2,80.00,0,0.00,87.00,1,0,0.00',
    'owner,1,10.00,0.00,10.00,1,20.00,0,0.00,0,0.00,1,30.00,-30.00,0,0,0.00',
  ];

  it("the X file's By cashier is the screen's, a refund counted for who gave it; a cashier gets only their own line", async () => {
    const x = await get('/api/reports/x', t.owner);
    const file = await get('/api/reports/x?format=csv', t.owner);
    const by = section(file, 'By cashier');
    expect(by.rule).toBe('"A refund counts for the cashier who gave it, not who made the sale."');
    expect(by.columns).toBe(COLUMNS);
    expect(by.rows).toEqual(EXPECTED);
    expect(by.rows).toEqual(x.figures.byCashier.map(asRow));

    const own = section(await get('/api/reports/x?format=csv', t.cafe), 'Your figures');
    expect(own.rule).toBe('"Only your own sales, and the refunds you gave (whoever made the sale)."');
    expect(own.rows).toEqual([EXPECTED[0]]);
    expect(await get('/api/reports/x?format=csv', t.cafe)).not.toContain('\r\nowner,');

    const zh = section(await get('/api/reports/x?format=csv&lang=zh', t.owner), '按收银员');
    expect(zh.rule).toBe('退款计入办理退款的收银员，而非收款的收银员。');
    expect(zh.columns?.split(',')[0]).toBe('收银员');
    expect(zh.rows).toEqual(by.rows);
  });

  it("each file says the cash its period put in the till: paid in cash after a decline, plus top-ups, less those reversed", async () => {
    const { figures } = await get('/api/reports/x', t.owner);
    expect(figures.paidInCash.amount + figures.topUps.amount - figures.topUpsReversed.amount).toBe(5700);
    expect(await get('/api/reports/x?format=csv', t.owner)).toContain('\r\nTop-ups reversed (cash paid back),3000,30.00\r\nCash in the till from this period,5700,57.00\r\n');
    expect(await get('/api/reports/x?format=csv&lang=zh', t.owner)).toContain('\r\n本期钱箱现金,5700,57.00\r\n');
    const day = await get('/api/reports/daily?format=csv', t.owner);
    // The Day file names it as the Day screen does ("from this day").
    expect(day).toContain('\r\nCash in the till from this day,5700,57.00\r\n');
    expect(await get('/api/reports/daily?format=csv&lang=zh', t.owner)).toContain('\r\n本日钱箱现金,5700,57.00\r\n');
  });

  it("the Day file's By cashier is the Day screen's, and the Z file's the closed report's", async () => {
    const daily = await get('/api/reports/daily', t.owner);
    const day = section(await get('/api/reports/daily?format=csv', t.owner), 'By cashier');
    expect(day.rows).toEqual(daily.byCashier.map(asRow));
    expect(day.rows).toEqual(EXPECTED);
    expect(section(await get('/api/reports/daily?format=csv', t.cafe), 'Your figures').rows).toEqual([EXPECTED[0]]);

    const closed = await api.request('POST', '/api/reports/z', { token: t.owner, key: newKey(), body: {} });
    expect(closed.status).toBe(201);
    const number = closed.body.report.number;
    const z = await get(`/api/reports/z/${number}?format=csv`, t.owner);
    expect(section(z, 'By cashier').rows).toEqual(closed.body.report.figures.byCashier.map(asRow));
    expect(section(z, 'By cashier').rows).toEqual(EXPECTED);
    expect(z).toContain('\r\nCash in the till from this period,5700,57.00\r\n');
    expect(section(await get(`/api/reports/z/${number}?format=csv`, t.cafe), 'Your figures').rows).toEqual([EXPECTED[0]]);
    // The next period has no one yet: no By cashier at all.
    expect(await get('/api/reports/x?format=csv', t.owner)).not.toContain('By cashier');
  });
});

describe('a CSV cell of text', () => {
  it('is quoted when it holds a comma, quote or line break', () => {
    expect(csvText('15% off, at most ¥20')).toBe('"15% off, at most ¥20"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('Shop receives')).toBe('Shop receives');
  });

  it('that a spreadsheet would run as a formula is written as text', () => {
    expect(csvText('=HYPERLINK("http://evil.example","¥5 off")')).toBe(`"'=HYPERLINK(""http://evil.example"",""¥5 off"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvText(`${start}cmd`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvText('5 off')).toBe('5 off');
  });
});

describe('a cashier in By cashier', () => {
  it('removed is marked so, in both languages, and a handle a spreadsheet would run as a formula is written as text', () => {
    const zero = { count: 0, declinedCount: 0, amount: 0, deduction: 0, charged: 0, settlement: 0, refundCount: 0, refunded: 0, refundedCash: 0, refundedSubsidy: 0, paidInCashCount: 0, paidInCash: 0, topUpCount: 0, topUps: 0, topUpReversalCount: 0, topUpsReversed: 0, notPaidCount: 0, notPaid: 0 };
    const rows: CashierFigures[] = [
      { ...zero, cashierId: 'c1', handle: 'dora', removed: true, count: 1, amount: 500, charged: 500, settlement: 500 },
      { ...zero, cashierId: 'c2', handle: '=cmd', removed: false, refundCount: 1, refunded: 500, refundedCash: 500 },
    ];
    const figures: PeriodFigures = {
      ...zero,
      deductionMerchantFunded: 0,
      deductionPlatformFunded: 0,
      earlierSalesRefundCount: 0,
      earlierSalesRefunded: 0,
      earlierSalesPaidInCashCount: 0,
      earlierSalesPaidInCash: 0,
      firstAt: null,
      lastAt: null,
      byCampaign: [],
      byCashier: rows,
    };
    const period = { from: null, to: Date.UTC(2026, 11, 5), toLabel: 'takenAt', timeZone: 'UTC' } as const;
    const en = figuresCsv({ kind: 'x' }, figures, 'CNY', period, 'en', { rows, own: false }).split('\r\n');
    expect(en).toContain('dora (removed),1,5.00,0.00,5.00,0,0.00,0,0.00,0,0.00,0,0.00,0.00,0,0,0.00');
    expect(en).toContain("'=cmd,0,0.00,0.00,0.00,1,5.00,0,0.00,0,0.00,0,0.00,0.00,0,0,0.00");
    expect(figuresCsv({ kind: 'x' }, figures, 'CNY', period, 'zh', { rows, own: false })).toContain('\r\ndora（已移除）,1,');
    // None kept (a Z report closed before By cashier was): no section at all.
    expect(figuresCsv({ kind: 'x' }, figures, 'CNY', period, 'en', null)).not.toContain('By cashier');
  });
});
