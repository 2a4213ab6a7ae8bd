import { describe, expect, it } from 'vitest';
import type { Money } from '../../../src/lib/api/types';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { dayNote, dayText, emptyListText, printedShopText, totalsText, type DayTotals } from '../../../src/routes/cashier/payments/summary';

/** Today's words over and under the list: the day, its totals, the printed sheet's shop line, an empty list. */
const words = (dictionary: Record<string, string>, locale: string) => ({
	t: (key: string, params?: Record<string, string | number>) => interpolate(dictionary[key]!, params, locale),
	money: (m: Money) => `¥${(m.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
	day: (ymd: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
	time: (iso: string) => iso.slice(11, 16)
});
type Words = Parameters<typeof totalsText>[0] & Parameters<typeof dayText>[0] & Parameters<typeof printedShopText>[0];
const en = words(enCashier, 'en-GB') as unknown as Words;
const zh = words(zhCashier, 'zh-CN') as unknown as Words;
const cny = (amount: number): Money => ({ amount, currency: 'CNY' });
const totals = (t: Partial<DayTotals>): DayTotals => ({
	count: 0,
	kept: cny(0),
	paidBack: cny(0),
	cashCount: 0,
	cash: cny(0),
	fromPlatform: cny(0),
	...t
});

describe("Today's day line", () => {
	it("says the shop's day with its zone, when the session has one", () => {
		expect(dayText(en, '2026-12-07', 'Asia/Shanghai')).toBe('7 Dec 2026 (Asia/Shanghai)');
		expect(dayText(en, '2026-12-07', undefined)).toBe('7 Dec 2026');
	});

	it('says what the shop receives, and what it keeps after refunds once some were paid back', () => {
		expect(totalsText(en, totals({ count: 3, kept: cny(12_000) }))).toBe('3 paid · shop receives ¥120.00');
		expect(totalsText(en, totals({ count: 3, kept: cny(10_000), paidBack: cny(2_000) }))).toBe(
			'3 paid · shop keeps ¥100.00 after paying back ¥20.00 in refunds'
		);
		expect(totalsText(zh, totals({ count: 3, kept: cny(10_000), paidBack: cny(2_000) }))).toBe('3 笔已付款 · 扣除退款支出 ¥20.00 后商户实收 ¥100.00');
	});
});

describe("the Day report's notes under the line", () => {
	it('notes a count with its money, and nothing for none or for a server that does not send the figure', () => {
		expect(dayNote(2, cny(500))).toEqual({ count: 2, amount: cny(500) });
		expect(dayNote(0, cny(0))).toBeNull();
		expect(dayNote(undefined, undefined)).toBeNull();
	});
});

describe('the printed sheet and an empty list', () => {
	it("names the shop, and today's list as of when it was read", () => {
		expect(printedShopText(en, 'Demo Café', '2026-12-07T09:30:00.000Z', false)).toBe('Demo Café · as of 09:30');
		expect(printedShopText(en, 'Demo Café', '2026-12-07T09:30:00.000Z', true)).toBe('Demo Café');
		expect(printedShopText(en, undefined, '2026-12-07T09:30:00.000Z', true)).toBe('');
	});

	it('says nothing matches a search, else that the day has no payments yet', () => {
		expect(emptyListText(en, 'alice', false)).toBe('No payment matches your search.');
		expect(emptyListText(en, '', false)).toBe('No payments yet today.');
		expect(emptyListText(en, '', true)).toBe('No payments on this day.');
	});
});
