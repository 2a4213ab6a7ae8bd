/**
 * What a Chinese input method in full-width mode types, made what the cashier meant. With the IME set to full
 * width, "123" arrives as "１２３" (U+FF11…), which no `\d` matches: a code or an amount typed so was refused as
 * invalid. Pure string work, digit for digit: an amount stays text until `toMinor` turns it into integers.
 */

/** U+FF10 "０" … U+FF19 "９": the full-width digits. */
const FULLWIDTH_ZERO = 0xff10;

/**
 * Full-width digits to ASCII digits, the full-width full stop "．" (U+FF0E) to ".", the full-width hyphen "－"
 * (U+FF0D) to "-", and the ideographic space (U+3000) to a space. Everything else is left as it is, for the
 * caller's own pattern to accept or refuse.
 */
export function toHalfWidth(text: string): string {
	return text.replace(/[\uff10-\uff19\uff0e\uff0d\u3000]/g, (ch) => {
		if (ch === '\uff0e') return '.';
		if (ch === '\uff0d') return '-';
		if (ch === '\u3000') return ' ';
		return String.fromCharCode(ch.charCodeAt(0) - FULLWIDTH_ZERO + 0x30);
	});
}

/**
 * As `toHalfWidth`, for an amount: there the ideographic full stop "。" (U+3002) right after a digit is the decimal
 * point too. An IME in Chinese punctuation mode types "。" for the "." key, so "12。50" is ¥12.50; an amount field
 * holds no sentences for it to end. Not elsewhere ("。12" stays, and is refused), and never in a code.
 */
export function amountToHalfWidth(text: string): string {
	// A capture, not a lookbehind: Safari before 16.4 cannot parse one, and the whole module would fail to load.
	return toHalfWidth(text).replace(/(\d)\u3002/g, '$1.');
}
