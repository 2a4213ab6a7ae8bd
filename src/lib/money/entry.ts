/**
 * The amount a cashier keys in, kept as the text they typed ("38.5") and turned into integer minor
 * units by string arithmetic, never through a float. Pure: the keypad component and the physical
 * keyboard both go through `press`.
 */
import { amountToHalfWidth } from '../input/halfwidth';
import { decimalMark } from './decimal-mark';
import { fractionDigits, PAYMENT_AMOUNT_MAX_MINOR } from './money';

export type EntryKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'back' | 'clear';

/** Whole-unit digits allowed: 1,000,000 (¥1,000,000.00 = the API's maximum) has 7. */
const MAX_WHOLE_DIGITS = 7;

/** Applies one key to the typed text; keys that would make it invalid are ignored. */
export function press(text: string, key: EntryKey, fractionDigits = 2): string {
	return pressKey(text, key, fractionDigits).text;
}

/**
 * Applies one key and says whether it was refused (a digit or point that could not be added), so the screen
 * can show that the key was heard and refused rather than seem to ignore it.
 */
export function pressKey(text: string, key: EntryKey, fractionDigits = 2): { text: string; refused: boolean } {
	if (key === 'clear') return { text: '', refused: false };
	if (key === 'back') return { text: text.slice(0, -1), refused: false };
	if (key === '.') {
		if (fractionDigits === 0 || text.includes('.')) return { text, refused: true };
		return { text: text === '' ? '0.' : text + '.', refused: false };
	}
	let next = text;
	for (const d of key) next = pushDigit(next, d, fractionDigits);
	if (toMinor(next, fractionDigits) > PAYMENT_AMOUNT_MAX_MINOR) {
		// Over the maximum: the amount is at it, so a point or zeros after it can only lead to a refusal.
		// They go ("1000000.0" and a refused 1 show ¥1000000, not ¥1000000.0 as if a digit were still to come).
		return { text: text.replace(/\.0*$/, ''), refused: true };
	}
	return { text: next, refused: next === text };
}

/**
 * The amount as it is being keyed: its text, and whether it is a quick amount untouched by any key since. The sale's
 * counter and the top-up's both key it so (`pressAmount`, `quickAmount`): one set of rules for one keypad.
 */
export interface AmountEntry {
	text: string;
	quick: boolean;
}

/**
 * Applies a key to the amount being keyed; `refused` as for `pressKey`.
 *
 * A digit right after a quick amount starts a new amount: a quick amount is a whole price, and ¥20 then 5 making
 * ¥205 would be ten times what either tap meant (the cashier tapped ¥20 by mistake, or changed their mind); ¥100 then
 * 0 making ¥1,000 is the top-up a manager must reverse. The decimal point goes on from it (¥20, then .50, is ¥20.50),
 * and Backspace and Clear edit it as ever.
 */
export function pressAmount(entry: AmountEntry, key: EntryKey, fractionDigits = 2): AmountEntry & { refused: boolean } {
	const startsOver = entry.quick && key !== '.' && key !== 'back' && key !== 'clear';
	return { ...pressKey(startsOver ? '' : entry.text, key, fractionDigits), quick: false };
}

/** A quick amount's button pressed (`minor` in minor units): the amount outright, as keyed text ("20", "12.50"). */
export function quickAmount(minor: number, fractionDigits: number): AmountEntry {
	return { text: fromMinor(minor, fractionDigits).replace(/\.0+$/, ''), quick: true };
}

/**
 * What a key of the physical keyboard (a KeyboardEvent's `key`) is to the amount, or null for a key it does not take.
 * A comma is the decimal point only where the currency's amounts are written so (decimal-mark.ts); in a yuan shop it
 * groups thousands ("1,250"), and is passed over: the amount is the same with it or without, as the refund field reads
 * it (`parseAmountText`). Taken for a point, "1,250" was ¥1.25. The full-width comma of a Chinese IME is a comma.
 */
export function keyboardEntryKey(key: string, currency: string): EntryKey | null {
	if (/^\d$/.test(key)) return key as EntryKey;
	if (key === '.') return '.';
	if (key === ',' || key === '\uff0c') return decimalMark(currency) === ',' ? '.' : null;
	if (key === 'Backspace') return 'back';
	if (key === 'Escape' || key === 'Delete') return 'clear';
	return null;
}

function pushDigit(text: string, d: string, fractionDigits: number): string {
	const dot = text.indexOf('.');
	if (dot >= 0) return text.length - dot - 1 >= fractionDigits ? text : text + d;
	if (text === '0') return d; // no leading zeros: "05" is "5"
	if (text === '' && d === '0') return '0';
	if (text.length >= MAX_WHOLE_DIGITS) return text;
	return text + d;
}

/** "38.5" → 3850 (for 2 fraction digits). Empty text is 0. */
export function toMinor(text: string, fractionDigits: number): number {
	if (!/^\d*(\.\d*)?$/.test(text)) throw new Error(`not an amount: ${text}`);
	const [whole = '', frac = ''] = text.split('.');
	const fracPadded = (frac + '0'.repeat(fractionDigits)).slice(0, fractionDigits);
	const minor = Number((whole || '0') + fracPadded);
	if (!Number.isSafeInteger(minor)) throw new Error(`amount out of range: ${text}`);
	return minor;
}

/** 3850 → "38.50": how an amount in minor units is written in an editable field. */
export function fromMinor(minor: number, fractionDigits: number): string {
	if (!Number.isSafeInteger(minor) || minor < 0) throw new Error(`not an amount: ${minor}`);
	if (fractionDigits === 0) return String(minor);
	const s = String(minor).padStart(fractionDigits + 1, '0');
	return `${s.slice(0, -fractionDigits)}.${s.slice(-fractionDigits)}`;
}

/**
 * Parses what someone typed in an amount field ("12", "12.5", "12.50", "¥12.50", "1,250") into minor units of
 * `currency`, or null when it is not an amount. `maxDigits` bounds the digits before the point (9: under ¥10 million).
 * Full-width digits and points ("１２．５", "12。5" from a Chinese IME) are the same amount. A comma is read as the
 * counter's keyboard reads it (decimal-mark.ts): in yuan it groups thousands ("1,250" is ¥1,250.00).
 */
export function parseAmountText(raw: string, currency: string, maxDigits = 9): number | null {
	const digits = fractionDigits(currency);
	let text = amountToHalfWidth(raw).replace(/[\s¥￥$€£]/g, '');
	if (decimalMark(currency) === ',') {
		// The comma is a point ("12,50"), and so is a point, as the app writes amounts (a field filled with "12.50"). No
		// grouping mark then: "1.250,50" has two points, and is refused rather than guessed at.
		text = text.replaceAll(',', '.');
	} else {
		// A comma only groups thousands ("1,250.00"): "5,5" is not 55 (nor 5.5, as in some locales), it is refused.
		if (text.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) return null;
		text = text.replaceAll(',', '');
	}
	const whole = `\\d{1,${maxDigits}}`;
	const pattern = new RegExp(digits === 0 ? `^${whole}$` : `^${whole}(\\.\\d{0,${digits}})?$`);
	if (!pattern.test(text)) return null;
	return toMinor(text, digits);
}
