/**
 * A payment's short reference: what a customer reads out or shows when asking the shop about a payment, and what the
 * cashier's search finds it by (cashier/payments/search.ts). The id's last letters and digits, upper-cased: the id's
 * tail is random (api/ids.ts), so eight of its characters tell apart the payments of a shop's day, and a "-" or "_"
 * (which the id may hold) is left out, being hard to say aloud and easy to mistype. Pure.
 */

/** Eight characters: short enough to say over the counter, enough (38^8 after upper-casing) never to clash in a day. */
export const PAYMENT_REFERENCE_LENGTH = 8;

export function paymentReference(paymentId: string): string {
	return paymentId.replace(/[^A-Za-z0-9]/g, '').slice(-PAYMENT_REFERENCE_LENGTH).toUpperCase();
}
