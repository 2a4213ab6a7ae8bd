/**
 * An amount written inside a sentence ("After refunds: −¥28.78"). Intl writes a negative with an ASCII hyphen,
 * after which a line may break, leaving "After refunds: -" on one line and "¥28.78" on the next. A true minus
 * sign (U+2212) joined to the amount by a WORD JOINER (U+2060, no width) keeps them together; the amount
 * itself never breaks (a currency sign before digits is held to them).
 */
import { formatMoney, type Money } from '$lib/money/money';

export const MINUS = '\u2212';
const WORD_JOINER = '\u2060';

export function moneyText(m: Money, locale: string, opts: { short?: boolean } = {}): string {
	if (m.amount >= 0) return formatMoney(m, locale, opts);
	return MINUS + WORD_JOINER + formatMoney({ ...m, amount: -m.amount }, locale, opts);
}
