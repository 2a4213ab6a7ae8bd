import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CouponRule } from '../../../api/coupons/rules';
import { campaignName, ruleText } from '../../../api/reports/campaign-name';
import { en, type CoreKey } from '../../../src/lib/i18n/en';
import { interpolate, type I18n } from '../../../src/lib/i18n/i18n.svelte';
import { describeRule, shopCouponName } from '../../../src/lib/i18n/phrases';
import { zh } from '../../../src/lib/i18n/zh';
import { formatMoney } from '../../../src/lib/money/money';
import { ruleArb } from '../../support/coupon-rule-arbs';

/** A dictionary as the app's I18n says it (I18n is a rune class that needs the Svelte compiler). */
const speaking = (dictionary: Record<CoreKey, string>, locale: string) =>
	({
		t: (key: CoreKey, params?: Record<string, string | number>) => interpolate(dictionary[key], params, locale),
		money: (m: { amount: number; currency: string }, opts: { short?: boolean } = {}) => formatMoney(m, locale, opts)
	}) as unknown as I18n;
const screens = { en: speaking(en, 'en-GB'), zh: speaking(zh, 'zh-CN') };
/** The screens' words for a rule of a kind they know (describeRule is null only for one they do not). */
const described = (i18n: I18n, rule: CouponRule, currency: string): string => {
	const words = describeRule(i18n, rule, currency);
	if (words === null) throw new Error(`no words for ${JSON.stringify(rule)}`);
	return words;
};
const LANGS = ['en', 'zh'] as const;

/**
 * The reports' CSV files name a campaign as the screens and the printed reports do (api/reports/campaign-name.ts
 * repeats src/lib/i18n/phrases.ts, which the API does not import): by its rule in the file's language when its
 * title only restates the rule, in either language; by its title otherwise.
 */
describe("a campaign's name in the reports' files", () => {
	it('is the Chinese screens\' 8.5折，最多减¥20 for a shop\'s "15% off, at most ¥20", and the English screens\' in English', () => {
		const rule: CouponRule = { kind: 'percent', percent: 15, cap: 2000 };
		expect(campaignName('15% off, at most ¥20', rule, 'CNY', 'zh')).toBe('8.5折，最多减¥20');
		expect(campaignName('15% off, at most ¥20', rule, 'CNY', 'en')).toBe('15% off, at most ¥20');
		expect(campaignName('Weekend latte', rule, 'CNY', 'zh')).toBe('Weekend latte');
		// A Z report closed before rules were kept names it by its title.
		expect(campaignName('15% off, at most ¥20', undefined, 'CNY', 'zh')).toBe('15% off, at most ¥20');
	});

	const examples: CouponRule[] = [
		{ kind: 'fixed', off: 500 },
		{ kind: 'fixed', off: 1250 },
		{ kind: 'percent', percent: 15, cap: null },
		{ kind: 'percent', percent: 20, cap: 2000 },
		{ kind: 'percent', percent: 100, cap: null },
		{ kind: 'percent', percent: 100, cap: 5000 },
		{ kind: 'threshold', minimum: 5000, off: 1000 },
	];
	it.each(examples)("each kind of rule is in the screens' words, in both languages and with either title: %o", (rule) => {
		for (const lang of LANGS) {
			expect(ruleText(rule, 'CNY', lang)).toBe(describeRule(screens[lang], rule, 'CNY'));
			for (const title of [described(screens.en, rule, 'CNY'), described(screens.zh, rule, 'CNY'), 'Welcome gift']) {
				expect(campaignName(title, rule, 'CNY', lang), `${lang}: ${title}`).toBe(shopCouponName(screens[lang], title, rule, 'CNY'));
			}
		}
	});

	it('any rule, amount and currency is named as the screens name it', () => {
		fc.assert(
			fc.property(ruleArb, fc.constantFrom('CNY', 'JPY', 'USD'), fc.constantFrom(...LANGS), fc.constantFrom('en', 'zh', 'other'), (rule, currency, lang, titled) => {
				const title = titled === 'other' ? 'Opening week' : described(screens[titled], rule, currency);
				expect(campaignName(title, rule, currency, lang)).toBe(shopCouponName(screens[lang], title, rule, currency));
			})
		);
	});
});
