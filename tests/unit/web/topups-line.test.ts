import { describe, expect, it } from 'vitest';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import type { Money } from '../../../src/lib/api/types';
import type { ApiClient } from '../../../src/lib/api/client';
import { readReversedOf, topUpsFigures, topUpsLineText, type TopUpsFigures } from '../../../src/routes/cashier/payments/topups-line';

/**
 * Today's top-up line in the Day report's form: the cash taken, then the cash the day's reversals paid back, each a
 * figure the Day report shows; a reversal names the day its top-up was taken on when that is not this day.
 */
const words = (dictionary: Record<string, string>, locale: string) => ({
	t: (key: string, params?: Record<string, string | number>) => interpolate(dictionary[key]!, params, locale),
	money: (m: Money) => `¥${(m.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
	day: (ymd: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`))
});
const en = words(enCashier, 'en-GB') as unknown as Parameters<typeof topUpsLineText>[0];
const zh = words(zhCashier, 'zh-CN') as unknown as Parameters<typeof topUpsLineText>[0];
const cny = (amount: number): Money => ({ amount, currency: 'CNY' });
const line = (f: Partial<TopUpsFigures>): TopUpsFigures => ({ count: 0, amount: cny(0), reversed: 0, reversedAmount: cny(0), reversedOf: null, ...f });

describe('Today’s top-up line', () => {
	it('says what was taken alone when nothing was reversed', () => {
		expect(topUpsLineText(en, line({ count: 1, amount: cny(10_000) }))).toBe('1 top-up in cash: ¥100.00');
		expect(topUpsLineText(zh, line({ count: 3, amount: cny(10_109_999) }))).toBe('3 笔现金充值：¥101,099.99');
	});

	it('says the cash taken, then the cash paid back, never one net figure', () => {
		const f = line({ count: 3, amount: cny(10_109_999), reversed: 1, reversedAmount: cny(100_000) });
		expect(topUpsLineText(en, f)).toBe('3 top-ups in cash: ¥101,099.99; ¥1,000.00 paid back: 1 top-up reversed');
		expect(topUpsLineText(zh, f)).toBe('3 笔现金充值：¥101,099.99；退还现金 ¥1,000.00：撤销 1 笔充值');
	});

	it('names the day the reversed top-ups were taken on, and says no "0 top-ups" when none was taken this day', () => {
		const f = line({ reversed: 1, reversedAmount: cny(5_000), reversedOf: '2026-12-04' });
		expect(topUpsLineText(en, f)).toBe('¥50.00 paid back: 1 top-up of 4 Dec 2026 reversed');
		expect(topUpsLineText(zh, f)).toBe('退还现金 ¥50.00：撤销 2026年12月4日 的 1 笔充值');
		const several = line({ count: 1, amount: cny(300), reversed: 2, reversedAmount: cny(8_000), reversedOf: 'earlier' });
		expect(topUpsLineText(en, several)).toBe('1 top-up in cash: ¥3.00; ¥80.00 paid back: 2 top-ups of earlier days reversed');
		expect(topUpsLineText(zh, several)).toBe('1 笔现金充值：¥3.00；退还现金 ¥80.00：撤销往日的 2 笔充值');
	});

	it('takes the Day report’s figures, none when it has none', () => {
		expect(topUpsFigures({ topUpCount: 0, topUps: cny(0), topUpReversalCount: 0, topUpsReversed: cny(0) })).toBeNull();
		expect(topUpsFigures({})).toBeNull();
		expect(topUpsFigures({ topUpCount: 0, topUps: cny(0), topUpReversalCount: 1, topUpsReversed: cny(5_000) })).toEqual(line({ reversed: 1, reversedAmount: cny(5_000) }));
	});
});

describe('the day the day’s reversals’ top-ups were taken on', () => {
	const topUpAt = (at: string) => ({ id: at, amount: cny(100), customer: { handle: 'bob' }, cashier: 'c', at, reversal: null });
	const listing = (earlierReversed?: ReturnType<typeof topUpAt>[]) => ({ get: async () => ({ date: '2026-12-05', topUps: [], next: null, earlierReversed }) }) as unknown as ApiClient;
	const dayOf = (iso: string) => iso.slice(0, 10);

	it('is the one earlier day when every reversal is of its top-ups, "earlier" for several, none when some are this day’s', async () => {
		expect(await readReversedOf(listing([topUpAt('2026-12-04T10:00:00Z')]), '2026-12-05', 1, dayOf)).toBe('2026-12-04');
		expect(await readReversedOf(listing([topUpAt('2026-12-04T10:00:00Z'), topUpAt('2026-12-04T09:00:00Z')]), '2026-12-05', 2, dayOf)).toBe('2026-12-04');
		expect(await readReversedOf(listing([topUpAt('2026-12-04T10:00:00Z'), topUpAt('2026-12-01T09:00:00Z')]), '2026-12-05', 2, dayOf)).toBe('earlier');
		// Two reversed, one of them a top-up of this day: no day named.
		expect(await readReversedOf(listing([topUpAt('2026-12-04T10:00:00Z')]), '2026-12-05', 2, dayOf)).toBeNull();
		expect(await readReversedOf(listing([]), '2026-12-05', 1, dayOf)).toBeNull();
		// A server older than the list's earlier reversals.
		expect(await readReversedOf(listing(undefined), '2026-12-05', 1, dayOf)).toBeNull();
	});
});
