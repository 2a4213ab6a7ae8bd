/**
 * Why the server refused a request of the counter (a charge, a refund, a cash note) before doing anything, as a
 * message key of the app's dictionaries and its values, by the error's code. Never the server's own message:
 * that is English, for logs and developers, and a cashier reading Chinese was shown it as it came.
 */
import type { MessageText } from '$lib/i18n/message-text';

/** Codes every request can meet: a session signed out or not allowed. */
function common(code: string): MessageText | null {
	switch (code) {
		case 'UNAUTHENTICATED':
		case 'FORBIDDEN':
			return ['charge.signedOut'];
		default:
			return null;
	}
}

/** A charge refused (no payment was made; a decline is a payment, with its own reasons). */
export function chargeRejection(code: string): MessageText {
	switch (code) {
		case 'RATE_LIMITED':
			return ['charge.rateLimited'];
		case 'AMOUNT_OUT_OF_RANGE':
			return ['charge.amountRange'];
		case 'INVALID_REQUEST':
			return ['entry.codeInvalid'];
		// The counter's own: the code waited on it longer than a sale takes (nothing was sent).
		case 'CODE_TAKEN_TOO_LONG_AGO':
			return ['charge.codeTooOld'];
		default:
			return common(code) ?? ['charge.refusedCode', { code }];
	}
}

/** A refund refused: nothing was refunded. */
export function refundRejection(code: string): MessageText {
	switch (code) {
		case 'REFUND_EXCEEDS_PAYMENT':
			return ['refund.exceeds'];
		case 'NOT_REFUNDABLE':
			return ['refund.notRefundable'];
		case 'INSUFFICIENT_FUNDS':
			return ['refund.shopFunds'];
		// The server or its database failed (500, 503), or the first tap with this key is still being worked on, or
		// clashed with another: not a refusal of this refund. The tablet keeps its key, in the dialog and past it
		// ($lib/api/unanswered.ts), so "Try again", or the same refund confirmed again, refunds once.
		// ("The refund was refused (INTERNAL). Nothing was refunded." told the owner it could not be done, in English.)
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
		case 'IN_PROGRESS':
		case 'CONFLICT':
			return ['refund.notNow'];
		default:
			return common(code) ?? ['refund.refusedCode', { code }];
	}
}

/** A note that a declined payment was paid in cash, refused: it is not recorded on the server. */
export function cashNoteRejection(code: string): MessageText {
	// Noted as not paid meanwhile (the customer left, said on another tablet): cash for it would be made up.
	if (code === 'NOTED_NOT_PAID') return ['offline.cashWasNotPaid'];
	return common(code) ?? ['offline.cashRefused', { code }];
}
