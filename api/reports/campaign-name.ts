import type { CouponRule } from '../coupons/rules.js';
import { fractionDigits } from '../money.js';
import { CSV_WORDS, type CsvLang, type RuleWords } from './csv-words.js';

/**
 * A campaign as the reports' files name it: as the screens and the printed reports do (src/lib/i18n/phrases.ts
 * shopCouponName), by its rule in the file's language when the shop's title only restates it (a shop's "15% off, at
 * most ¥20" is 8.5折，最多减¥20 in a Chinese file), by its title otherwise or when the rule is not known (a Z report
 * closed before rules were kept). The API does not import the front end, so the arithmetic is repeated here and
 * tests/unit/web/report-campaign-name.test.ts holds the two to each other for every kind of rule.
 */
export function campaignName(title: string, rule: CouponRule | null | undefined, currency: string, lang: CsvLang): string {
  if (!rule) return title;
  const words = ruleText(rule, currency, lang);
  // A title typed in English restates its rule in a Chinese file too: the screens look in both languages.
  return restates(title, words) || restates(title, ruleText(rule, currency, 'en')) ? words : title;
}

/** "¥10 off orders of ¥50 or more", "15% off, at most ¥20"; 满¥50减¥10, 8.5折，最多减¥20 (phrases.ts describeRule). */
export function ruleText(rule: CouponRule, currency: string, lang: CsvLang): string {
  const w: RuleWords = CSV_WORDS[lang].rule;
  const m = (amount: number) => shortMoney(amount, currency, CSV_WORDS[lang].locale);
  switch (rule.kind) {
    case 'fixed':
      return w.fixed(m(rule.off));
    case 'percent':
      // 100% off is "0折" by the 折 arithmetic, which no Chinese shop writes: it has words of its own.
      if (rule.percent >= 100) return rule.cap === null ? w.free : w.freeCap(m(rule.cap));
      return rule.cap === null ? w.percent(rule.percent, zheRate(rule.percent)) : w.percentCap(rule.percent, zheRate(rule.percent), m(rule.cap));
    case 'threshold':
      return w.threshold(m(rule.off), m(rule.minimum));
  }
}

/** Chinese shops write "15% off" as 8.5折 (pay 85%); integer arithmetic on the percent only (phrases.ts zheRate). */
function zheRate(percentOff: number): string {
  const pay = 100 - percentOff;
  return pay % 10 === 0 ? String(pay / 10) : `${Math.floor(pay / 10)}.${pay % 10}`;
}

/** "¥20", "¥12.50": a whole amount without its zero decimals, as a rule is written (src/lib/money/money.ts formatMoney short). */
function shortMoney(amount: number, currency: string, locale: string): string {
  const per = 10 ** fractionDigits(currency);
  const whole = amount % per === 0;
  const key = `${locale}|${currency}|${whole}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) });
    formatters.set(key, format);
  }
  return format.format(amount / per);
}
/** Made once per language, currency and wholeness: a report names every campaign line, a CSV every row's coupon. */
const formatters = new Map<string, Intl.NumberFormat>();

/** Letters (of every script), digits and % only: "10 off orders of 50 or more" restates "¥10 off orders of ¥50 or more". */
const simplify = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}%]/gu, '');
const restates = (title: string, ruleWords: string) => simplify(title) === simplify(ruleWords);
