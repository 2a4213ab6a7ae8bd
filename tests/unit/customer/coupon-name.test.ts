import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../../src/lib/i18n/en';
import { interpolate, type I18n } from '../../../src/lib/i18n/i18n.svelte';
import { couponName, titleRestatesRule } from '../../../src/lib/i18n/phrases';
import { formatMoney } from '../../../src/lib/money/money';

/** English, as the app's I18n says it (describeRule needs only t and money). */
const english = {
	t: (key: MessageKey, params?: Record<string, string | number>) => interpolate(en[key], params, 'en-GB'),
	money: (m: { amount: number; currency: string }, opts: { short?: boolean } = {}) => formatMoney(m, 'en-GB', opts)
} as unknown as I18n;

describe('a coupon on a payment is named as the customer’s list names it', () => {
	const threshold = { rule: { kind: 'threshold' as const, minimum: 5_000, off: 1_000 } };

	it('a title that only restates its rule gives way to the rule, in the customer’s words and money', () => {
		expect(titleRestatesRule('10 off orders of 50 or more', '¥10 off orders of ¥50 or more')).toBe(true);
		expect(couponName(english, '10 off orders of 50 or more', threshold, 'CNY')).toBe('¥10 off orders of ¥50 or more');
	});

	it('a title of the shop’s own is kept, and so is any title of a coupon not known on this phone', () => {
		expect(titleRestatesRule('Welcome gift', '¥10 off orders of ¥50 or more')).toBe(false);
		expect(couponName(english, 'Welcome gift', threshold, 'CNY')).toBe('Welcome gift');
		expect(couponName(english, '10 off orders of 50 or more', undefined, 'CNY')).toBe('10 off orders of 50 or more');
	});
});
