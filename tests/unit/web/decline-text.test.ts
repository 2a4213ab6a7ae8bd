import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/lib/api/types';
import { en, type CoreKey } from '../../../src/lib/i18n/en';
import { interpolate, type I18n } from '../../../src/lib/i18n/i18n.svelte';
import { describeDecline, paymentCouponName, shopCouponName } from '../../../src/lib/i18n/phrases';
import { zh } from '../../../src/lib/i18n/zh';
import { formatMoney } from '../../../src/lib/money/money';

const declined = (reason: Payment['reason'], reasonDetail: Payment['reasonDetail'] = null, couponTitle: string | null = null) => ({ reason, reasonDetail, couponTitle });

/** A dictionary as the app's I18n says it (I18n is a rune class that needs the Svelte compiler). */
const speaking = (dictionary: Record<CoreKey, string>, locale: string) =>
	({
		t: (key: CoreKey, params?: Record<string, string | number>) => interpolate(dictionary[key], params, locale),
		money: (m: { amount: number; currency: string }, opts: { short?: boolean } = {}) => formatMoney(m, locale, opts)
	}) as unknown as I18n;
const english = speaking(en, 'en-GB');
const chinese = speaking(zh, 'zh-CN');

describe('what the till says about a declined payment', () => {
	it('tells a used code apart from one the customer paid with elsewhere after this till scanned it', () => {
		expect(describeDecline(english, declined('CODE_USED')).reason).toBe('That code was already used.');
		expect(describeDecline(english, declined('CODE_USED', 'USED_AFTER_SCAN')).reason).toBe('The customer paid with this code somewhere else after it was scanned here.');
		// Used up at this shop (the detail only lets the shop see whose code it was): said as any used code.
		expect(describeDecline(english, declined('CODE_USED', 'USED_HERE'))).toEqual(describeDecline(english, declined('CODE_USED')));
		expect(describeDecline(chinese, declined('CODE_USED', 'USED_HERE')).reason).toBe('付款码已被使用。');
	});

	it("says the minimum spend the server gives on a BELOW_MINIMUM decline, unless the coupon's name says it already", () => {
		const cny = (amount: number) => ({ amount, currency: 'CNY' });
		const below = (title: string, couponRule: Payment['couponRule'], least: number) => ({
			...declined('COUPON_NOT_APPLICABLE', 'BELOW_MINIMUM', title),
			couponRule,
			amount: cny(2500),
			couponMinimum: cny(least)
		});
		// A campaign's own minimum spend on a fixed saving: the figure the cashier tells the customer.
		expect(describeDecline(english, below('Lunch special', { kind: 'fixed', off: 800 }, 3000)).reason).toBe(
			'The coupon is only valid on orders of ¥30.00 or more. (Lunch special)'
		);
		expect(describeDecline(chinese, below('Lunch special', { kind: 'fixed', off: 800 }, 3000)).reason).toBe('该优惠券仅限订单满¥30.00使用。（Lunch special）');
		// A threshold named by its rule says "orders of ¥50 or more" itself: not the figure twice.
		const threshold = { kind: 'threshold', minimum: 5000, off: 1000 } as const;
		expect(describeDecline(english, below('¥10 off orders of ¥50 or more', threshold, 5000)).reason).toBe(
			'Order below the coupon’s minimum spend. (¥10 off orders of ¥50 or more)'
		);
		// Named by a title of the shop's own, or with a minimum spend above its threshold, the figure is said.
		expect(describeDecline(english, below('Lunch deal', threshold, 5000)).reason).toBe('The coupon is only valid on orders of ¥50.00 or more. (Lunch deal)');
		expect(describeDecline(english, below('¥10 off orders of ¥50 or more', threshold, 6000)).reason).toBe(
			'The coupon is only valid on orders of ¥60.00 or more. (¥10 off orders of ¥50 or more)'
		);
		// The phone's own words for the minimum come first.
		expect(describeDecline(english, below('Lunch special', { kind: 'fixed', off: 800 }, 3000), '¥30').reason).toBe(
			'The coupon is only valid on orders of ¥30 or more. (Lunch special)'
		);
	});

	it('names the coupon rule that refused the coupon, and the coupon', () => {
		expect(describeDecline(english, declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT', '¥5 off')).reason).toBe('The coupon is not valid at this shop. (¥5 off)');
		expect(describeDecline(english, declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT')).reason).not.toBe(english.t('decline.COUPON_NOT_APPLICABLE'));
	});

	it('an order too small for a percent coupon to take anything off is said so, not "below the minimum spend" (the coupon may have none), in both languages', () => {
		const tiny = declined('COUPON_NOT_APPLICABLE', 'NO_DEDUCTION', '15% off, at most ¥20');
		expect(describeDecline(english, tiny).reason).toBe('The order is too small for this coupon to take anything off, so it was not used up. (15% off, at most ¥20)');
		expect(describeDecline(chinese, { ...tiny, couponTitle: '8.5折，最多减¥20' }).reason).toBe('订单金额过小，该优惠券减免不了任何金额，因此未被使用。（8.5折，最多减¥20）');
		for (const i18n of [english, chinese]) {
			const text = describeDecline(i18n, tiny, '¥0.00');
			expect(text.reason).not.toContain(i18n.t('decline.detail.BELOW_MINIMUM'));
			expect(text.reason).not.toContain(i18n.t('decline.detail.BELOW_MINIMUM_of', { minimum: '¥0.00' }));
			expect(text.customerNext).toBe(i18n.t('decline.customer.otherCoupon'));
		}
	});

	it('in Chinese, names the coupon in full-width brackets, with no ASCII punctuation added', () => {
		const reason = describeDecline(chinese, declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT', '立减¥8')).reason;
		expect(reason).toBe('该优惠券不能在本店使用。（立减¥8）');
		expect(reason).not.toMatch(/[ ()]/);
	});

	it('a coupon not for this shop says which shops it is for, in both languages, so the customer knows to pay without it or pick another', () => {
		const atBooks = { ...declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT', '¥10 off orders of ¥50 or more'), couponShops: ['Demo Café'] };
		expect(describeDecline(english, atBooks).reason).toBe('This coupon is for Demo Café only. (¥10 off orders of ¥50 or more)');
		expect(describeDecline(chinese, { ...atBooks, couponTitle: '满¥50减¥10' }).reason).toBe('该优惠券仅限Demo Café使用。（满¥50减¥10）');
		expect(describeDecline(english, atBooks).customerNext).toBe('Choose another coupon, or none, and show a new code.');
		const shops = (couponShops: string[]) => describeDecline(english, { ...atBooks, couponTitle: null, couponShops }).reason;
		expect(shops(['Demo Café', 'Tea House'])).toBe('This coupon is for Demo Café and Tea House only.');
		expect(shops(['A', 'B', 'C'])).toBe('This coupon is for A, B and C only.');
		expect(shops(['A', 'B', 'C', 'D', 'E'])).toBe('This coupon is for A, B and 3 other shops only.');
		expect(describeDecline(chinese, { ...atBooks, couponTitle: null, couponShops: ['甲店', '乙店', '丙店'] }).reason).toBe('该优惠券仅限甲店、乙店和丙店使用。');
		// On the phone, names up to so many characters in all, the first always, the others counted: three names of up
		// to 60 characters pushed its buttons below a small screen's edge.
		const onPhone = (couponShops: string[]) => describeDecline(english, { ...atBooks, couponTitle: null, couponShops }, undefined, 20).reason;
		expect(onPhone(['Demo Café', 'Tea House'])).toBe('This coupon is for Demo Café and Tea House only.');
		expect(onPhone(['Demo Café', 'Tea House', 'Noodle Bar'])).toBe('This coupon is for Demo Café, Tea House and 1 other shop only.');
		expect(onPhone(['The Corner Roastery and Bakery', 'B', 'C'])).toBe('This coupon is for The Corner Roastery and Bakery and 2 other shops only.');
		expect(onPhone(['A', 'B', 'C', 'D', 'E'])).toBe('This coupon is for A, B and 3 other shops only.');
		expect(describeDecline(chinese, { ...atBooks, couponTitle: null, couponShops: ['老北京炸酱面馆王府井大街东方新天地购物中心店', '乙店'] }, undefined, 20).reason).toBe(
			'该优惠券仅限老北京炸酱面馆王府井大街东方新天地购物中心店和其他1家店使用。'
		);
		// An answer from a server that names no shops still says the coupon is not valid here.
		expect(describeDecline(english, { ...atBooks, couponShops: undefined }).reason).toBe('The coupon is not valid at this shop. (¥10 off orders of ¥50 or more)');
	});
});

describe('the coupon on a payment is named for its payer as the code screen named it', () => {
	const latte = { id: 'c1', rule: { kind: 'fixed' as const, off: 800 } };
	const payment = { couponTitle: 'Weekend latte: ¥8 off any drink for loyal regulars', couponId: 'c1', amount: { amount: 3000, currency: 'CNY' } };

	it('by its rule, in the payer’s language, when the coupon is theirs: not by a long title in the shop’s language', () => {
		expect(paymentCouponName(chinese, payment, [latte])).toBe('立减¥8');
		expect(paymentCouponName(english, payment, [latte])).toBe('¥8 off');
	});

	it('by the shop’s title when the coupon is not among theirs, and not at all when there was none', () => {
		expect(paymentCouponName(chinese, payment, [])).toBe(payment.couponTitle);
		expect(paymentCouponName(chinese, payment, null)).toBe(payment.couponTitle);
		expect(paymentCouponName(chinese, { ...payment, couponTitle: null, couponId: null }, [latte])).toBeNull();
	});
});

describe('the coupon on a payment is named for the shop’s staff in the screen’s language', () => {
	const threshold = { kind: 'threshold' as const, minimum: 5000, off: 1000 };

	it('by its rule when the title only restates it (in English), by the title when it says more or no rule came', () => {
		expect(shopCouponName(chinese, '¥10 off orders of ¥50 or more', threshold, 'CNY')).toBe('满¥50减¥10');
		expect(shopCouponName(english, '¥10 off orders of ¥50 or more', threshold, 'CNY')).toBe('¥10 off orders of ¥50 or more');
		expect(shopCouponName(chinese, 'Spring treat: ¥10 off big orders', threshold, 'CNY')).toBe('Spring treat: ¥10 off big orders');
		expect(shopCouponName(chinese, '¥10 off orders of ¥50 or more', undefined, 'CNY')).toBe('¥10 off orders of ¥50 or more');
	});

	it('in the decline the till shows, when the answer carries the rule', () => {
		const refused = { ...declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT', '¥5 off'), couponRule: { kind: 'fixed' as const, off: 500 }, amount: { amount: 3000, currency: 'CNY' } };
		expect(describeDecline(chinese, refused).reason).toBe('该优惠券不能在本店使用。（立减¥5）');
		expect(describeDecline(english, refused).reason).toBe('The coupon is not valid at this shop. (¥5 off)');
	});
});
