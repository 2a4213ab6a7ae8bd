/**
 * A payment's short reference: what a customer reads out or shows when asking the shop about a payment (their
 * wallet history), what the cashier's screens name the payment by (Today's detail, the receipt), and what the
 * cashier's search finds it by (routes/cashier/payments/search.ts). The id's last letters and digits, upper-cased:
 * the id's tail is random (api/ids.ts), so eight of its characters tell apart the payments of a shop's day, and a "-"
 * or "_" (which the id may hold) is left out, being hard to say aloud and easy to mistype. Both sides use it, so it
 * lives in neither's folder. Pure.
 */

/** Eight characters: short enough to say over the counter, enough (36^8 after upper-casing) never to clash in a day. */
export const PAYMENT_REFERENCE_LENGTH = 8;

/**
 * The fewest letters and digits of a typed reference that are matched forgivingly (referenceMatches): four are half
 * a reference, as a customer may read it in two halves; fewer, and an amount typed to find a sale ("10") would also
 * find every payment whose reference holds "IO" or "L0".
 */
export const REFERENCE_MATCH_MIN_CHARS = 4;

export function paymentReference(paymentId: string): string {
	return paymentId.replace(/[^A-Za-z0-9]/g, '').slice(-PAYMENT_REFERENCE_LENGTH).toUpperCase();
}

/**
 * A reference as read aloud or typed, in one form whatever was confused on the way: upper case, without spaces, a
 * leading "#" or any other mark, with O as 0 and I and L as 1 (said or typed, each is easily taken for the other),
 * and S as 5, B as 8 and Z as 2 (read off a small or scratched screen, or a faded receipt, each pair looks alike).
 * Only for comparing: the reference shown stays paymentReference's. Pure.
 */
export function foldReference(text: string): string {
	return text
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1')
		.replace(/S/g, '5')
		.replace(/B/g, '8')
		.replace(/Z/g, '2');
}

/** Whether `typed` is the payment's reference, or a part of it of REFERENCE_MATCH_MIN_CHARS or more, once both are folded. */
export function referenceMatches(paymentId: string, typed: string): boolean {
	const folded = foldReference(typed);
	return folded.length >= REFERENCE_MATCH_MIN_CHARS && foldReference(paymentReference(paymentId)).includes(folded);
}
