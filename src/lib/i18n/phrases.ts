/**
 * The domain in plain words: a coupon's rule, why a payment was declined and what to do next.
 * One place, so the customer and the cashier read the same sentence for the same fact.
 */
import type { CouponDetail, CouponRule, DeclineReason, Payment } from '$lib/api/types';
import { ruleMinimum } from '$lib/customer/coupon-rules';
import { formatMoney } from '$lib/money/money';
import { en, type CoreKey, type MessageKey } from './en';
import { interpolate, type I18n } from './i18n.svelte';

/** What wording a rule needs: a dictionary lookup and the short money format of one language. */
type Wording = Pick<I18n, 't' | 'money'>;

/**
 * "¥10 off orders of ¥50 or more", "15% off, at most ¥20", "¥5 off", "100% off" (全额减免 in Chinese, not 0折).
 * Null for a kind of rule this build has no words for: a newer server's, on a tablet or phone that has not reloaded
 * yet (src/lib/pwa/register.ts waits for the user's tap). A screen then names the coupon by its title (ruleOrTitle).
 */
export function describeRule(i18n: Wording, rule: CouponRule, currency: string): string | null {
	const m = (amount: number) => i18n.money({ amount, currency }, { short: true });
	switch (rule.kind) {
		case 'fixed':
			return i18n.t('rule.fixed', { off: m(rule.off) });
		case 'percent':
			// 100% off is "0折" by the 折 arithmetic: no Chinese shop writes "free" so; it has words of its own.
			if (rule.percent >= 100) return rule.cap === null ? i18n.t('rule.free') : i18n.t('rule.freeCap', { cap: m(rule.cap) });
			return rule.cap === null
				? i18n.t('rule.percent', { percent: rule.percent, rate: zheRate(rule.percent) })
				: i18n.t('rule.percentCap', { percent: rule.percent, rate: zheRate(rule.percent), cap: m(rule.cap) });
		case 'threshold':
			return i18n.t('rule.threshold', { off: m(rule.off), minimum: m(rule.minimum) });
		default: {
			// The compiler still names a known kind left out; at run time a kind from a newer server ends here.
			const _exhaustive: never = rule;
			return null;
		}
	}
}

/**
 * The rule in words, or the shop's title for a kind of rule this build does not know (describeRule). A title so
 * standing for its rule restates it (titleRestatesRule), so a screen that shows the title under the rule shows it once.
 */
export function ruleOrTitle(i18n: Wording, rule: CouponRule, currency: string, title: string): string {
	return describeRule(i18n, rule, currency) ?? title;
}

/** English whatever the screen's language: shops often type their titles in English. (A rule's words are core ones.) */
const ENGLISH: Wording = {
	t: (key, params) => interpolate(en[key as CoreKey], params, 'en-GB'),
	money: (m, opts = {}) => formatMoney(m, 'en-GB', opts)
};

/**
 * Letters (of every script), digits and % only: how a title that merely restates its rule is told apart from a
 * name. Letters of every script count, or a Chinese title with conditions would shrink to its digits.
 */
const simplify = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}%]/gu, '');

/** "10 off orders of 50 or more" restates "¥10 off orders of ¥50 or more"; "Welcome gift" does not. */
export function titleRestatesRule(title: string, ruleText: string): boolean {
	return simplify(title) === simplify(ruleText);
}

/**
 * Whether a coupon's title only restates its rule, in the screen's language or in English (a shop's "15% off,
 * at most ¥20" under the Chinese "8.5折，最多减¥20"): such a title is not shown beside the rule in any language.
 */
export function titleRestatesCouponRule(i18n: Wording, title: string, rule: CouponRule, currency: string): boolean {
	return titleRestatesRule(title, ruleOrTitle(i18n, rule, currency, title)) || titleRestatesRule(title, ruleOrTitle(ENGLISH, rule, currency, title));
}

/**
 * A coupon on a payment, named for the customer as their coupon list names it: the rule in their language
 * when the shop's title only restates it, the title otherwise (and when the coupon is not known here).
 */
export function couponName(i18n: I18n, title: string, coupon: { rule: CouponRule } | undefined, currency: string): string {
	if (!coupon) return title;
	return titleRestatesCouponRule(i18n, title, coupon.rule, currency) ? ruleOrTitle(i18n, coupon.rule, currency, title) : title;
}

/**
 * A coupon as the shop's staff read it on a payment, a receipt or a report: by its rule in the screen's language when
 * the shop's title only restates it (满¥50减¥10 on a Chinese tablet, not "¥10 off orders of ¥50 or more"), by the
 * title otherwise or when the answer carries no rule (one kept from an older server, a Z report closed before).
 */
export function shopCouponName(i18n: I18n, title: string, rule: CouponRule | null | undefined, currency: string): string {
	return couponName(i18n, title, rule ? { rule } : undefined, currency);
}

/**
 * The coupon a payment used, named for its payer as the code screen named it a moment before: by its rule in their
 * language ("立减¥8"), when the coupon is among their own; by the shop's title when it is not (given away since).
 * Named by a title that says more than its rule, a declined payment read 该优惠券不能在本店使用。(Weekend latte: ¥8 off
 * any drink for loyal regulars) on a Chinese phone whose code screen had just said 立减¥8. Null when no coupon.
 */
export function paymentCouponName(
	i18n: Wording,
	payment: Pick<Payment, 'couponTitle' | 'couponId' | 'amount'>,
	coupons: readonly { id: string; rule: CouponRule }[] | null
): string | null {
	if (!payment.couponTitle) return null;
	const coupon = coupons?.find((c) => c.id === payment.couponId);
	return coupon ? ruleOrTitle(i18n, coupon.rule, payment.amount.currency, payment.couponTitle) : payment.couponTitle;
}

/** Chinese shops write "15% off" as 8.5折 (pay 85%); integer arithmetic on the percent only. */
export function zheRate(percentOff: number): string {
	const pay = 100 - percentOff;
	return pay % 10 === 0 ? String(pay / 10) : `${Math.floor(pay / 10)}.${pay % 10}`;
}

export interface DeclineText {
	/** What happened, in the shop's words. */
	reason: string;
	/** The same fact told to the customer. */
	customerNext: string;
}

const REASON_KEYS: Record<DeclineReason, [MessageKey, MessageKey]> = {
	CODE_UNKNOWN: ['decline.CODE_UNKNOWN', 'decline.customer.CODE_UNKNOWN'],
	CODE_EXPIRED: ['decline.CODE_EXPIRED', 'decline.customer.newCode'],
	CODE_USED: ['decline.CODE_USED', 'decline.customer.newCode'],
	COUPON_NOT_APPLICABLE: ['decline.COUPON_NOT_APPLICABLE', 'decline.customer.otherCoupon'],
	INSUFFICIENT_FUNDS: ['decline.INSUFFICIENT_FUNDS', 'decline.customer.INSUFFICIENT_FUNDS'],
	OFFLINE_WINDOW_PASSED: ['decline.OFFLINE_WINDOW_PASSED', 'decline.customer.newCode'],
	OFFLINE_PAYMENT_CAP: ['decline.OFFLINE_PAYMENT_CAP', 'decline.customer.newCode']
};

const DETAIL_KEYS: Record<CouponDetail, MessageKey> = {
	BELOW_MINIMUM: 'decline.detail.BELOW_MINIMUM',
	NO_DEDUCTION: 'decline.detail.NO_DEDUCTION',
	WRONG_MERCHANT: 'decline.detail.WRONG_MERCHANT',
	NOT_YET_VALID: 'decline.detail.NOT_YET_VALID',
	EXPIRED: 'decline.detail.EXPIRED',
	BUDGET_EXHAUSTED: 'decline.detail.BUDGET_EXHAUSTED',
	NOT_OWNER: 'decline.detail.NOT_OWNER',
	NOT_AVAILABLE: 'decline.detail.NOT_AVAILABLE'
};

/**
 * A coupon's shops in a sentence: up to three by name, more as the first two and a count of the others. With
 * `namesCharsMax`, fewer by name while their names run past that many characters in all (the first always named).
 */
export function shopList(i18n: Pick<I18n, 't'>, shops: readonly string[], namesCharsMax = Infinity): string {
	let count = shops.length > 3 ? 2 : shops.length;
	while (count > 1 && shops.slice(0, count).join('').length > namesCharsMax) count--;
	const named = count < shops.length ? [...shops.slice(0, count), i18n.t('decline.shops.others', { count: shops.length - count })] : shops;
	if (named.length === 1) return named[0]!;
	return i18n.t('decline.shops.and', { first: named.slice(0, -1).join(i18n.t('decline.shops.separator')), last: named.at(-1)! });
}

/**
 * Whether the coupon's name, as the decline says it after its reason, already names `least` (a threshold's "¥10 off
 * orders of ¥50 or more", named by its rule when the title only restates it): the reason then says the minimum spend
 * without its figure, not the figure twice on a row of Today.
 */
function namesMinimum(
	i18n: I18n,
	payment: Pick<Payment, 'couponTitle'> & Partial<Pick<Payment, 'couponRule' | 'amount'>>,
	least: number
): boolean {
	const { couponTitle: title, couponRule: rule, amount } = payment;
	return !!title && !!rule && !!amount && ruleMinimum(rule) >= least && titleRestatesCouponRule(i18n, title, rule, amount.currency);
}

/**
 * `minimum` is the coupon's minimum spend as the phone's coupon list words it, when known: "coupon only valid on
 * orders of ¥50 or more". Without it, the payment's own `couponMinimum` (the server's, on a BELOW_MINIMUM decline)
 * says it, so the till can tell the customer what the coupon needs. `shopNamesCharsMax`: how long the names
 * of the shops a coupon is for may be in all, in a reason with little room (shopList).
 */
export function describeDecline(
	i18n: I18n,
	payment: Pick<Payment, 'reason' | 'reasonDetail' | 'couponTitle'> & Partial<Pick<Payment, 'couponRule' | 'amount' | 'couponShops' | 'couponMinimum'>>,
	minimum?: string,
	shopNamesCharsMax?: number
): DeclineText {
	const reason = payment.reason ?? 'CODE_UNKNOWN';
	const [r, c] = REASON_KEYS[reason] ?? REASON_KEYS.CODE_UNKNOWN;
	let text = i18n.t(r);
	if (reason === 'CODE_USED' && payment.reasonDetail === 'USED_AFTER_SCAN') text = i18n.t('decline.CODE_USED.afterScan');
	if (reason === 'COUPON_NOT_APPLICABLE' && payment.reasonDetail) {
		// A coupon's refusal: the other details are CODE_USED's.
		const detailKey = DETAIL_KEYS[payment.reasonDetail as CouponDetail];
		const least = minimum ?? (payment.couponMinimum && !namesMinimum(i18n, payment, payment.couponMinimum.amount) ? i18n.money(payment.couponMinimum) : undefined);
		if (payment.reasonDetail === 'BELOW_MINIMUM' && least) {
			text = i18n.t('decline.detail.BELOW_MINIMUM_of', { minimum: least });
		} else if (payment.reasonDetail === 'WRONG_MERCHANT' && payment.couponShops?.length) {
			text = i18n.t('decline.detail.WRONG_MERCHANT_for', { shops: shopList(i18n, payment.couponShops, shopNamesCharsMax) });
		} else if (detailKey) {
			text = i18n.t(detailKey);
		}
		if (payment.couponTitle) {
			const coupon = payment.amount ? shopCouponName(i18n, payment.couponTitle, payment.couponRule, payment.amount.currency) : payment.couponTitle;
			text = i18n.t('decline.withCoupon', { reason: text, coupon });
		}
	}
	return { reason: text, customerNext: i18n.t(c) };
}
