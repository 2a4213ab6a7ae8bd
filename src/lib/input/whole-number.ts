/**
 * A count a manager types (a stock, a per-customer limit, a percent), read as what they meant: "１５" from a
 * Chinese IME in full-width mode, "10,000" (or "10，000") grouped as the form's own messages write it ("from 1 to
 * 10,000,000"), "20%" in a percent field. Refused when it is no whole number ("1.5", "5,5", "-1").
 */
import { toHalfWidth } from './halfwidth';

/** At most this many digits: far above any limit, below where a Number loses digits. */
const MAX_DIGITS = 12;

/** The whole number in `raw`, or null when it is none. `percent`: a trailing "%" (or "％") is allowed. */
export function parseWholeNumber(raw: string, { percent = false }: { percent?: boolean } = {}): number | null {
	let text = toHalfWidth(raw).replaceAll('\uff0c', ',').trim();
	if (percent) text = text.replace(/\s*[%\uff05]$/, '');
	// A comma only groups thousands: "5,5" is refused, not read as 55.
	if (text.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(text)) return null;
	text = text.replaceAll(',', '');
	if (!new RegExp(`^\\d{1,${MAX_DIGITS}}$`).test(text)) return null;
	return Number(text);
}
