/** What counts as a payment code when it is typed, scanned or read from a camera. */
import { toHalfWidth } from '../input/halfwidth';

export const PAYCODE_DIGITS = 18;

/** Exactly PAYCODE_DIGITS ASCII digits, nothing around them. */
const PAYCODE_PATTERN = new RegExp(`^\\d{${PAYCODE_DIGITS}}$`);

/**
 * Whether text, already cleaned (normalizeCode, or digits picked out of a field), is a payment code: the one check
 * the scanner, the code field and the outbox all make, so they agree on what they accept.
 */
export function isPaymentCode(text: string): boolean {
	return PAYCODE_PATTERN.test(text);
}

/**
 * The 18 digits of a payment code from raw input, or null. Spaces and dashes a person types to
 * keep their place are dropped; anything else (letters, a URL in a foreign QR) is not a code. Full-width digits
 * and spaces (a Chinese IME in full-width mode) are the same digits and spaces.
 */
export function normalizeCode(raw: string): string | null {
	const text = toHalfWidth(raw).trim().replace(/[\s-]/g, '');
	return isPaymentCode(text) ? text : null;
}
