import { beforeAll, describe, expect, it } from 'vitest';
import { csvText } from '../../api/reports/csv.js';
import { CSV_WORDS, type FigureName } from '../../api/reports/csv-words.js';
import { enManage } from '../../src/lib/i18n/en-manage.js';
import { zhManage } from '../../src/lib/i18n/zh-manage.js';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

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
    expect(zh).toContain('\r\n"按优惠活动：15% off, at most ¥20（使用 1 次；承担方：平台）",679,6.79\r\n');
    for (const english of ['Report', 'Since the shop opened', 'Figure', 'Payments', 'Shop receives', 'Paid by']) expect(zh).not.toContain(english);

    // The same file in English (the default) has the same cells but the words.
    const en = await csv('/api/reports/x?format=csv');
    expect(await csv('/api/reports/x?format=csv&lang=en')).toEqual(en);
    const numbers = (file: string) => file.split('\r\n').map((row) => row.split(',').filter((cell) => /^-?\d[\d.: -]*$/.test(cell)).join(','));
    expect(numbers(zh)).toEqual(numbers(en));
    expect(en).toContain('\r\nShop receives,4530,45.30\r\n');
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
    }
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
