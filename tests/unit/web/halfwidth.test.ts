import { describe, expect, it } from 'vitest';
import { amountToHalfWidth, toHalfWidth } from '../../../src/lib/input/halfwidth';
import { HANDLE_FORMAT, PIN_FORMAT, typedHandle, typedPin } from '../../../src/lib/session/credentials';
import { parseAmountText } from '../../../src/lib/money/entry';
import { normalizeCode } from '../../../src/lib/scan/code';

/** "12.5" as a full-width IME types it: "１２．５". */
const fullWidth = (ascii: string) => ascii.replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('what a Chinese IME in full-width mode types', () => {
	it('turns full-width digits, point, hyphen and the ideographic space into ASCII, and leaves the rest', () => {
		expect(toHalfWidth('０１２３４５６７８９')).toBe('0123456789');
		expect(toHalfWidth('１２．５')).toBe('12.5');
		expect(toHalfWidth('６６　１２３４－５')).toBe('66 1234-5');
		expect(toHalfWidth('abc ¥ 中文。')).toBe('abc ¥ 中文。');
		expect(toHalfWidth('')).toBe('');
	});

	it('takes "。" as the decimal point only in an amount, and only after a digit', () => {
		expect(amountToHalfWidth('１２。５０')).toBe('12.50');
		expect(amountToHalfWidth('12。')).toBe('12.');
		expect(amountToHalfWidth('。5')).toBe('。5');
		expect(toHalfWidth('12。5')).toBe('12。5');
	});

	it('reads a payment code typed in full-width digits, with full-width spaces between groups', () => {
		const code = '661234567890123456';
		expect(normalizeCode(fullWidth(code))).toBe(code);
		expect(normalizeCode(fullWidth('6612 3456 7890 1234 56').replaceAll(' ', '\u3000'))).toBe(code);
		// Still 18 digits, no more, no fewer, and nothing else.
		expect(normalizeCode(fullWidth(code.slice(1)))).toBeNull();
		expect(normalizeCode(fullWidth(code + '7'))).toBeNull();
		expect(normalizeCode(fullWidth(code) + '。')).toBeNull();
	});

	it('reads a full-width amount as the same integer minor units, and still refuses what is not an amount', () => {
		expect(parseAmountText('１２３', 'CNY')).toBe(12300);
		expect(parseAmountText('１２．５', 'CNY')).toBe(1250);
		expect(parseAmountText('１２。５', 'CNY')).toBe(1250);
		expect(parseAmountText('　￥１２．５０　', 'CNY')).toBe(1250);
		expect(parseAmountText('０．０７', 'CNY')).toBe(7);
		expect(parseAmountText('１２．５．', 'CNY')).toBeNull();
		expect(parseAmountText('１２。５。', 'CNY')).toBeNull();
		expect(parseAmountText('１．２３４', 'CNY')).toBeNull();
		expect(parseAmountText('１２．５', 'JPY')).toBeNull();
	});

	it('reads a handle typed in full-width letters and digits as the ASCII one, and a PIN in full-width digits', () => {
		expect(typedHandle('ＡＢＣ＿１２３－．ｘ')).toBe('abc_123-.x');
		expect(typedHandle('ＡＬＩＣＥ')).toBe('alice');
		expect(typedHandle('　ｄｅｍｏ。ｃａｆｅ－１　')).toBe('demo.cafe-1');
		expect(HANDLE_FORMAT.test(typedHandle('Ａｌｉｃｅ＿２'))).toBe(true);
		expect(typedPin('１１１１')).toBe('1111');
		expect(PIN_FORMAT.test(typedPin('１２３４５６'))).toBe(true);
		// What is no handle or PIN as typed stays none: a space inside, letters in a PIN, other scripts.
		expect(HANDLE_FORMAT.test(typedHandle('Ｄｅｍｏ　Ｃａｆｅ'))).toBe(false);
		expect(HANDLE_FORMAT.test(typedHandle('爱丽丝'))).toBe(false);
		expect(PIN_FORMAT.test(typedPin('１２ａ４'))).toBe(false);
	});
});
