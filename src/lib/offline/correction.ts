/**
 * "Correct the code" on a sale declined at sync as a mistyped code: what the cashier charges is either the code the
 * customer showed then, with the slip fixed, or a fresh code from the customer standing there now.
 *
 * The two must be charged as of different moments. A corrected code is the one shown when the sale was taken, so
 * it is judged as of that moment (the entry's scannedAt): by the time the network is back and the list is read,
 * that code has long expired, or the customer's phone has replaced it, and judged as of now it would be declined
 * again. A fresh code did not exist then, so it is judged as of now.
 *
 * Told apart by the digits: a slip of the finger changes one digit, or swaps two (a typed code of the wrong length
 * is refused before it is queued); a fresh code shares a few leading digits at most, its other 16 are random, so
 * some 14 of them differ.
 */
const MOST_DIGITS_A_CORRECTION_CHANGES = 4;

export function isCorrectionOf(typed: string, charged: string): boolean {
	if (typed.length !== charged.length) return false;
	let differing = 0;
	for (let i = 0; i < typed.length; i++) if (typed[i] !== charged[i]) differing++;
	return differing <= MOST_DIGITS_A_CORRECTION_CHANGES;
}
