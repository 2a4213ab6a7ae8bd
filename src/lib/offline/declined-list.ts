/**
 * What the counter's list of sales declined after sending (DeclinedList.svelte) says and decides, apart from its
 * markup and its state: the reason each entry shows and whether it leads with "Already paid — remove", the code
 * Charge again charges and as of when, and the line of the last action's outcome. Plain functions of an entry and the
 * words on screen, so they are tested without a browser (tests/unit/web/declined-list.test.ts).
 */
import { chargeRejection } from '$lib/cashier/rejections';
import { usedHereText } from '$lib/cashier/used-here';
import { groupDigits } from '$lib/customer/paycode';
import type { I18n } from '$lib/i18n/i18n.svelte';
import { describeDecline } from '$lib/i18n/phrases';
import { toHalfWidth } from '$lib/input/halfwidth';
import { isPaymentCode } from '$lib/scan/code';
import { isCorrectionOf } from './correction';
import type { ChargeResult } from './engine';
import type { PaymentIntent } from './enqueue';
import type { OutboxEntry, Resolution } from './types';

/**
 * A code the cashier typed that names no customer: a digit mistyped, most likely (a scan reads what the phone shows).
 * It was listed as "not a live payment code", and Charge again opened an empty field: the cashier could not tell a
 * slip of the finger from a bad code, nor see what had been typed. It says so, shows the digits, and offers them
 * to correct, as the counter does for a code mistyped while online.
 */
export function mistyped(entry: Pick<OutboxEntry, 'typed' | 'payment'>): boolean {
	return entry.typed === true && entry.payment?.reason === 'CODE_UNKNOWN';
}

/** The code as the customer's phone shows it, in groups of three. */
export const groupedCode = (code: string) => groupDigits(code).join(' ');

/** What the field of Charge again holds as it opens: a mistyped code's digits, to correct, else nothing. */
export function chargeAgainStartCode(entry: Pick<OutboxEntry, 'typed' | 'payment' | 'code'>): string {
	return mistyped(entry) ? groupedCode(entry.code) : '';
}

/**
 * Declined as a code that had already paid at this shop (usedHereText): this sale was most likely that one, read
 * again. It leads with "Already paid — remove"; Charge again or Paid in cash would take the money twice, and come
 * after it, for the rare sale that was another one.
 */
export function paidHere(i18n: I18n, entry: Pick<OutboxEntry, 'payment'>): boolean {
	return entry.payment !== undefined && usedHereText(i18n, entry.payment) !== null;
}

/** Why the entry is on the list, in plain words. */
export function reasonOf(i18n: I18n, entry: Pick<OutboxEntry, 'typed' | 'payment' | 'code' | 'error'>): string {
	if (mistyped(entry)) return i18n.t('offline.mistyped', { digits: groupedCode(entry.code) });
	if (entry.payment) return usedHereText(i18n, entry.payment) ?? describeDecline(i18n, entry.payment).reason;
	return i18n.t('offline.refusedByServer', { message: entry.error?.message ?? '' });
}

/** The digits of the code typed in Charge again's field, or null when they are no payment code. */
export function codeDigits(typed: string): string | null {
	const digits = toHalfWidth(typed).replace(/\D/g, ''); // full-width digits from a Chinese IME are digits too
	return isPaymentCode(digits) ? digits : null;
}

/**
 * The charge that Charge again makes of `entry`'s amount to the code `digits`. `typedAt`: when the cashier began
 * typing the digits (the phone may have replaced a fresh code as it was typed).
 */
export function chargeAgainIntent(entry: Pick<OutboxEntry, 'typed' | 'payment' | 'code' | 'amount' | 'scannedAt'>, digits: string, typedAt: Date): PaymentIntent {
	// The typed digits corrected are the code shown when the sale was taken, judged as of then (correction.ts);
	// a fresh code from the customer, as of when its typing began. Corrected, it is still typed: a second slip is
	// said as the first.
	const corrected = mistyped(entry) && isCorrectionOf(entry.code, digits);
	return corrected
		? { code: digits, amount: entry.amount, scannedAt: new Date(entry.scannedAt), typed: true }
		: { code: digits, amount: entry.amount, scannedAt: typedAt };
}

/** Why the charge made again was declined (by the server's decision) or rejected (its request refused). */
export function declinedAgainText(i18n: I18n, result: Extract<ChargeResult, { kind: 'declined' | 'rejected' }>): string {
	return result.kind === 'declined' ? describeDecline(i18n, result.payment).reason : i18n.t(...chargeRejection(result.error.code));
}

/**
 * The line of a charge made again, paid or queued. Paid, it says whose code paid: a code from someone other than the
 * declined sale's customer is seen at once; and, when a coupon took something off, the amount and the saving beside
 * what was charged, as the customer's phone shows them (the cashier review: "Paid ¥20.07" alone, for a ¥23.40 sale,
 * read as a wrong charge).
 */
export function chargedAgainText(i18n: I18n, result: Extract<ChargeResult, { kind: 'succeeded' | 'queued' }>): string {
	const customer = result.kind === 'succeeded' ? result.payment.customerHandle : null;
	let outcome = i18n.t('offline.queuedTitle');
	if (result.kind === 'succeeded') {
		const { amount, deduction, charged } = result.payment;
		outcome =
			deduction.amount > 0
				? i18n.t('offline.paidWithCoupon', { status: i18n.t('status.succeeded'), charged: i18n.money(charged), amount: i18n.money(amount), saving: i18n.money(deduction) })
				: `${i18n.t('status.succeeded')} ${i18n.money(charged)}`;
	}
	return customer ? i18n.t('offline.chargedAgainTo', { customer, result: outcome }) : i18n.t('offline.chargedAgain', { result: outcome });
}

/** The outcome of the last action on the list (DeclinedList.svelte `done`), as its line says it. */
export type Done =
	| { kind: 'charged'; text: string }
	/** "Already paid — remove", with what Undo puts back: the entry as it was, and the removal to take back. */
	| { kind: 'removed'; before: OutboxEntry; removal: Resolution }
	/**
	 * "Not paid — customer left", noted on the server: no Undo (see DeclinedCashForm.svelte). Its line is the form's,
	 * whose words come with it.
	 */
	| { kind: 'not_paid'; line: () => string }
	| { kind: 'elsewhere' };

/** The line of `done`, in the language on screen now (a charge made again says what the server answered then). */
export function doneText(i18n: I18n, done: Done): string {
	if (done.kind === 'charged') return done.text;
	if (done.kind === 'removed') return i18n.t('offline.alreadyPaidDone', { amount: i18n.money(done.before.amount) });
	if (done.kind === 'not_paid') return done.line();
	return i18n.t('offline.sortedElsewhere');
}

/** The line's test id: a charge made again and a removal share one. */
export function doneTestId(done: Done): 'sorted-elsewhere' | 'not-paid-done' | 'charged-again' {
	return done.kind === 'elsewhere' ? 'sorted-elsewhere' : done.kind === 'not_paid' ? 'not-paid-done' : 'charged-again';
}
