import { describe, expect, it } from 'vitest';
import { decimalMark } from '../../../src/lib/money/decimal-mark';
import { keyboardEntryKey, parseAmountText, pressKey, type EntryKey } from '../../../src/lib/money/entry';

/** The amount text the counter's keyboard makes of `typed`, key by key, as the counter page applies them. */
function typeOnCounter(typed: string, currency: string, fractionDigits = 2): string {
	let text = '';
	for (const ch of typed) {
		const key = keyboardEntryKey(ch, currency);
		if (key) text = pressKey(text, key, fractionDigits).text;
	}
	return text;
}

describe('the decimal mark of a currency, where it is spent', () => {
	it('is the point for the yuan, the yen and the dollar', () => {
		for (const currency of ['CNY', 'JPY', 'USD', 'HKD', 'GBP', 'MXN', 'CHF']) expect(decimalMark(currency), currency).toBe('.');
	});

	it('is the comma for the real, the rouble, the euro', () => {
		for (const currency of ['BRL', 'RUB', 'EUR', 'SEK', 'IDR']) expect(decimalMark(currency), currency).toBe(',');
	});

	it('is the point for a code of no country', () => {
		expect(decimalMark('XXX')).toBe('.');
		expect(decimalMark('??')).toBe('.');
	});
});

describe('a comma on the counter’s keyboard', () => {
	it('groups thousands in yuan: "1,250" is 1250, not 1.25', () => {
		expect(keyboardEntryKey(',', 'CNY')).toBeNull();
		expect(keyboardEntryKey('，', 'CNY')).toBeNull();
		expect(typeOnCounter('1,250', 'CNY')).toBe('1250');
		expect(typeOnCounter('12,345.5', 'CNY')).toBe('12345.5');
		// After the point it is no decimal either: the point stays the only one.
		expect(typeOnCounter('1.5,0', 'CNY')).toBe('1.50');
	});

	it('is the point where the currency writes one so', () => {
		expect(keyboardEntryKey(',', 'BRL')).toBe('.');
		expect(typeOnCounter('12,5', 'BRL')).toBe('12.5');
		// The point is one too: as the app writes amounts ("R$12.50"), and as the keypad's key is labelled.
		expect(typeOnCounter('12.5', 'BRL')).toBe('12.5');
	});

	it('and the other keys are as they were', () => {
		const keys: [string, EntryKey | null][] = [
			['7', '7'],
			['.', '.'],
			['Backspace', 'back'],
			['Escape', 'clear'],
			['Delete', 'clear'],
			['Enter', null],
			['a', null],
			['-', null]
		];
		for (const [key, entry] of keys) expect(keyboardEntryKey(key, 'CNY'), key).toBe(entry);
	});
});

describe('the counter and the amount fields read a comma alike', () => {
	it('in yuan, what is typed on the counter is what the refund field reads', () => {
		for (const typed of ['1,250', '1,250.5', '12,345', '999', '0.5']) {
			const keyed = typeOnCounter(typed, 'CNY');
			expect(parseAmountText(typed, 'CNY'), typed).toBe(parseAmountText(keyed, 'CNY'));
		}
		expect(parseAmountText('1,250', 'CNY')).toBe(125_000);
	});

	it('where a comma is the point, the field reads it as one, and a point too', () => {
		expect(parseAmountText('12,50', 'BRL')).toBe(1250);
		expect(parseAmountText('12.50', 'BRL')).toBe(1250);
		expect(parseAmountText('1 250,50', 'BRL')).toBe(125_050);
		expect(typeOnCounter('12,50', 'BRL')).toBe('12.50');
		// Two marks that could each be the point: refused, not guessed at.
		expect(parseAmountText('1.250,50', 'BRL')).toBeNull();
		expect(parseAmountText('1,250.50', 'EUR')).toBeNull();
		// Three decimals are no amount of two: "1.250" is not read as 1.25.
		expect(parseAmountText('1.250', 'EUR')).toBeNull();
	});

	it('in yen, with no decimals, a grouping comma reads as in yuan', () => {
		expect(typeOnCounter('1,250', 'JPY', 0)).toBe('1250');
		expect(parseAmountText('1,250', 'JPY')).toBe(1250);
		expect(parseAmountText('12.5', 'JPY')).toBeNull();
	});
});
