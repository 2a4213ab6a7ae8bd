import { describe, expect, it } from 'vitest';
import { fromMinor, keyboardEntryKey, parseAmountText, press, pressAmount, pressKey, quickAmount, toMinor, type AmountEntry, type EntryKey } from '../../../src/lib/money/entry';

const typeKeys = (keys: EntryKey[]) => keys.reduce((text, k) => press(text, k), '');

describe('the amount keypad', () => {
	it('builds an amount left to right and converts it to minor units without floats', () => {
		expect(typeKeys(['3', '8', '.', '5'])).toBe('38.5');
		expect(toMinor('38.5', 2)).toBe(3850);
		expect(toMinor('0.07', 2)).toBe(7);
		expect(toMinor('', 2)).toBe(0);
	});

	it('refuses a third decimal, a second point and leading zeros', () => {
		expect(typeKeys(['1', '.', '2', '3', '4'])).toBe('1.23');
		expect(typeKeys(['1', '.', '.', '5'])).toBe('1.5');
		expect(typeKeys(['0', '0', '7'])).toBe('7');
		expect(typeKeys(['.', '5'])).toBe('0.5');
	});

	it('never goes past the API maximum of 1,000,000.00', () => {
		const max = typeKeys(['1', '00', '00', '00']);
		expect(max).toBe('1000000');
		expect(press(max, '0')).toBe('1000000');
		expect(press('999999', '9')).toBe('999999');
		expect(toMinor(typeKeys(['9', '9', '9', '9', '9', '9', '.', '9', '9']), 2)).toBe(99_999_999);
	});

	it('drops a dangling point or zero at the maximum when the next digit is refused', () => {
		// 1000000.01 typed: the 1 is refused, and ¥1000000.0 would read as if a digit were still to come.
		expect(typeKeys(['1', '0', '0', '0', '0', '0', '0', '.', '0', '1'])).toBe('1000000');
		expect(typeKeys(['1', '00', '00', '00', '.', '5'])).toBe('1000000');
		// At the maximum with its zeros typed out, it stays as typed: nothing was refused yet.
		expect(typeKeys(['1', '00', '00', '00', '.', '00'])).toBe('1000000.00');
		// A refused third decimal is not a dangling zero.
		expect(typeKeys(['1', '.', '5', '0', '7'])).toBe('1.50');
	});

	it('says which keys were refused, so the screen can show it', () => {
		expect(pressKey('1000000', '1')).toEqual({ text: '1000000', refused: true });
		expect(pressKey('1.25', '9')).toEqual({ text: '1.25', refused: true });
		expect(pressKey('1.2', '.')).toEqual({ text: '1.2', refused: true });
		expect(pressKey('12', '.', 0)).toEqual({ text: '12', refused: true });
		expect(pressKey('12', '3')).toEqual({ text: '123', refused: false });
		expect(pressKey('1.2', '00')).toEqual({ text: '1.20', refused: false });
		expect(pressKey('', 'back')).toEqual({ text: '', refused: false });
		expect(pressKey('5', 'clear')).toEqual({ text: '', refused: false });
	});

	it('clears and deletes', () => {
		expect(press('12.5', 'back')).toBe('12.');
		expect(press('12.5', 'clear')).toBe('');
		expect(press('', 'back')).toBe('');
	});

	it('parses typed amounts and writes minor units back', () => {
		expect(parseAmountText('12', 'CNY')).toBe(1200);
		expect(parseAmountText('¥ 12.50', 'CNY')).toBe(1250);
		expect(parseAmountText('12.505', 'CNY')).toBeNull();
		expect(parseAmountText('abc', 'CNY')).toBeNull();
		// Commas group thousands, and only that.
		expect(parseAmountText('1,250.50', 'CNY')).toBe(125_050);
		expect(parseAmountText('12,345,678', 'CNY')).toBe(1_234_567_800);
		expect(parseAmountText('5,5', 'CNY')).toBeNull();
		expect(parseAmountText('1,25', 'CNY')).toBeNull();
		expect(parseAmountText(',5', 'CNY')).toBeNull();
		expect(parseAmountText('', 'CNY')).toBeNull();
		expect(fromMinor(5, 2)).toBe('0.05');
		expect(fromMinor(123456, 2)).toBe('1234.56');
	});
});

describe('a quick amount, then keys (the sale and the top-up alike)', () => {
	const keyAfter = (start: AmountEntry, keys: EntryKey[]) => keys.reduce((entry, k) => pressAmount(entry, k, 2), start).text;

	it('is written as keyed text, whole or not', () => {
		expect(quickAmount(10_000, 2)).toEqual({ text: '100', quick: true });
		expect(quickAmount(1_050, 2)).toEqual({ text: '10.50', quick: true });
		expect(quickAmount(500, 0)).toEqual({ text: '500', quick: true });
	});

	it('starts a new amount with a digit: ¥100 then 0 is not ¥1,000', () => {
		expect(keyAfter(quickAmount(10_000, 2), ['0'])).toBe('0');
		expect(keyAfter(quickAmount(2_000, 2), ['5'])).toBe('5');
		expect(keyAfter(quickAmount(2_000, 2), ['00'])).toBe('0');
	});

	it('goes on from it with the point, and edits it with Backspace and Clear', () => {
		expect(keyAfter(quickAmount(2_000, 2), ['.', '5'])).toBe('20.5');
		expect(keyAfter(quickAmount(2_000, 2), ['back'])).toBe('2');
		expect(keyAfter(quickAmount(2_000, 2), ['clear', '7'])).toBe('7');
		// Once touched, it is an amount like any other: digits go on.
		expect(keyAfter(quickAmount(2_000, 2), ['back', '5'])).toBe('25');
	});
});

describe("a physical keyboard's keys on the amount (the sale's and the top-up's)", () => {
	it('are digits, the point, Backspace and Escape or Delete; a comma is a point only where the currency writes one so', () => {
		const cny = (key: string) => keyboardEntryKey(key, 'CNY');
		expect(['7', '.', ',', 'Backspace', 'Escape', 'Delete'].map(cny)).toEqual(['7', '.', null, 'back', 'clear', 'clear']);
		expect(['Enter', 'a', 'Tab', 'F5', '١'].map(cny)).toEqual([null, null, null, null, null]);
		expect(keyboardEntryKey(',', 'EUR')).toBe('.');
	});
});
