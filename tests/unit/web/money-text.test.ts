import { describe, expect, it } from 'vitest';
import { moneyText } from '../../../src/lib/i18n/money-text';

describe('an amount inside a sentence', () => {
	it('writes a negative with a true minus sign joined to the amount, so a line never breaks between them', () => {
		// U+2212 MINUS SIGN, then U+2060 WORD JOINER: "After refunds: −¥28.78" stays on one line.
		expect(moneyText({ amount: -2878, currency: 'CNY' }, 'en-GB')).toBe('\u2212\u2060¥28.78');
		expect(moneyText({ amount: -2878, currency: 'CNY' }, 'zh-CN')).toBe('\u2212\u2060¥28.78');
		expect(moneyText({ amount: -1000, currency: 'CNY' }, 'en-GB', { short: true })).toBe('\u2212\u2060¥10');
		expect(moneyText({ amount: -2878, currency: 'CNY' }, 'en-GB')).not.toContain('-');
	});

	it('writes zero and positive amounts as before', () => {
		expect(moneyText({ amount: 2878, currency: 'CNY' }, 'en-GB')).toBe('¥28.78');
		expect(moneyText({ amount: 0, currency: 'CNY' }, 'en-GB')).toBe('¥0.00');
	});
});
