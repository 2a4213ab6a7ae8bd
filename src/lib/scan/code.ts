/** What counts as a payment code when it is typed, scanned or read from a camera. */
import { toHalfWidth } from '../input/halfwidth';

export const PAYCODE_DIGITS = 18;

/**
 * The 18 digits of a payment code from raw input, or null. Spaces and dashes a person types to
 * keep their place are dropped; anything else (letters, a URL in a foreign QR) is not a code. Full-width digits
 * and spaces (a Chinese IME in full-width mode) are the same digits and spaces.
 */
export function normalizeCode(raw: string): string | null {
	const text = toHalfWidth(raw).trim().replace(/[\s-]/g, '');
	return /^\d{18}$/.test(text) ? text : null;
}
