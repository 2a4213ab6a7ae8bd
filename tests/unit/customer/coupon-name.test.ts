import { describe, expect, it } from 'vitest';
import { en, type CoreKey } from '../../../src/lib/i18n/en';
import { interpolate, type I18n } from '../../../src/lib/i18n/i18n.svelte';
import type { CouponRule } from '../../../src/lib/api/types';
import { couponName, describeRule, paymentCouponName, ruleOrTitle, shopCouponName, titleRestatesCouponRule, titleRestatesRule } from '../../../src/lib/i18n/phrases';
import { zh } from '../../../src/lib/i18n/zh';
import { formatMoney } from '../../../src/lib/money/money';

/** English, as the app's I18n says it (describeRule needs only t and money). */
const english = {
	t: (key: CoreKey, params?: Record<string, string | number>) => interpolate(en[key], params, 'en-GB'),
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

/**
 * A kind of rule a newer server sends to a tablet or phone still on the old build (a new version waits for the user's
 * tap on Reload, src/lib/pwa/register.ts). The receipt, the payments list, the reports and the wallet name the
 * coupon by its title, once, where they threw on the rule's missing words.
 */
describe('a coupon whose kind of rule this build does not know is named by its title', () => {
	const stepped = { kind: 'stepped', step: 10_000, off: 1_500 } as unknown as CouponRule;

	it('has no words of its own, and its title stands for them', () => {
		expect(describeRule(english, stepped, 'CNY')).toBeNull();
		expect(ruleOrTitle(english, stepped, 'CNY', '¥15 off every ¥100')).toBe('¥15 off every ¥100');
		expect(ruleOrTitle(english, { kind: 'fixed', off: 500 }, 'CNY', 'Welcome gift')).toBe('¥5 off');
	});

	it('on a coupon card, a payment, a receipt and a report: the title, shown once (it restates what stands for the rule)', () => {
		expect(titleRestatesCouponRule(english, 'Spring stepped offer', stepped, 'CNY')).toBe(true);
		expect(couponName(english, 'Spring stepped offer', { rule: stepped }, 'CNY')).toBe('Spring stepped offer');
		expect(shopCouponName(english, 'Spring stepped offer', stepped, 'CNY')).toBe('Spring stepped offer');
		const payment = { couponTitle: 'Spring stepped offer', couponId: 'cpn_1', amount: { amount: 25_000, currency: 'CNY' } };
		expect(paymentCouponName(english, payment, [{ id: 'cpn_1', rule: stepped }])).toBe('Spring stepped offer');
	});
});

describe('a title that says more than its rule is shown, one that only restates it is not, in every language', () => {
	const chinese = {
		t: (key: CoreKey, params?: Record<string, string | number>) => interpolate(zh[key], params, 'zh-CN'),
		money: (m: { amount: number; currency: string }, opts: { short?: boolean } = {}) => formatMoney(m, 'zh-CN', opts)
	} as unknown as I18n;
	const over100 = { kind: 'threshold' as const, minimum: 10_000, off: 2_000 };
	const fifteenOff = { kind: 'percent' as const, percent: 15, cap: 2_000 };

	it('a Chinese title with conditions is not taken for its rule (its letters count, not only its digits)', () => {
		const title = '会员专享：全场满100元立减20元（仅限堂食，周末不可用）';
		expect(titleRestatesCouponRule(chinese, title, over100, 'CNY')).toBe(false);
		expect(titleRestatesCouponRule(english, title, over100, 'CNY')).toBe(false);
		expect(couponName(chinese, title, { rule: over100 }, 'CNY')).toBe(title);
	});

	it('a Chinese title that only restates the rule still gives way to it', () => {
		expect(titleRestatesCouponRule(chinese, '满100减20', over100, 'CNY')).toBe(true);
	});

	it('an English title that restates the rule is hidden under the Chinese wording too', () => {
		expect(describeRule(chinese, fifteenOff, 'CNY')).toBe('8.5折，最多减¥20');
		expect(titleRestatesCouponRule(chinese, '15% off, at most ¥20', fifteenOff, 'CNY')).toBe(true);
		expect(couponName(chinese, '15% off, at most ¥20', { rule: fifteenOff }, 'CNY')).toBe('8.5折，最多减¥20');
		expect(titleRestatesCouponRule(chinese, 'Welcome gift', fifteenOff, 'CNY')).toBe(false);
	});
});

describe('a 100% off coupon reads as free, not 0折', () => {
	const chinese = {
		t: (key: CoreKey, params?: Record<string, string | number>) => interpolate(zh[key], params, 'zh-CN'),
		money: (m: { amount: number; currency: string }, opts: { short?: boolean } = {}) => formatMoney(m, 'zh-CN', opts)
	} as unknown as I18n;
	const free = { kind: 'percent' as const, percent: 100, cap: null };
	const freeUpTo20 = { kind: 'percent' as const, percent: 100, cap: 2_000 };

	it('in Chinese: 全额减免, with its cap kept', () => {
		expect(describeRule(chinese, free, 'CNY')).toBe('全额减免');
		expect(describeRule(chinese, freeUpTo20, 'CNY')).toBe('全额减免，最多减¥20');
		// Other percentages keep the 折 a Chinese shop writes.
		expect(describeRule(chinese, { kind: 'percent', percent: 90, cap: null }, 'CNY')).toBe('1折');
		expect(describeRule(chinese, { kind: 'percent', percent: 95, cap: null }, 'CNY')).toBe('0.5折');
	});

	it('in English: still 100% off', () => {
		expect(describeRule(english, free, 'CNY')).toBe('100% off');
		expect(describeRule(english, freeUpTo20, 'CNY')).toBe('100% off, at most ¥20');
	});

	it('a shop’s title that restates it in either language is not repeated under it', () => {
		expect(titleRestatesCouponRule(chinese, '100% off', free, 'CNY')).toBe(true);
		expect(couponName(chinese, '全额减免，最多减¥20', { rule: freeUpTo20 }, 'CNY')).toBe('全额减免，最多减¥20');
	});
});
