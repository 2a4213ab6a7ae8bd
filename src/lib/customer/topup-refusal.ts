/**
 * Why the server did not add money to the wallet, as a message key of the app's dictionaries, by the error's
 * stable code. Never the server's own message: that is English, for logs and developers, and a customer reading
 * Chinese was shown it as it came.
 */
import '$lib/i18n/en-later'; // the words named here, handed over before this module runs
import type { MessageText } from '$lib/i18n/message-text';

export function topUpRefusal(code: string): MessageText {
	switch (code) {
		case 'TOPUPS_DISABLED':
			return ['topup.disabled'];
		// The first tap with this key is still being worked on; the dialog keeps the key for the same amount, so
		// trying again cannot add the money twice.
		case 'IN_PROGRESS':
			return ['topup.inProgress'];
		case 'UNAUTHENTICATED':
		case 'FORBIDDEN':
			return ['topup.signedOut'];
		// The server or its database failed. This try moved nothing, but it may have failed before the key was looked
		// up, so it says nothing of an earlier try with the key, whose answer may have been lost: the words promise
		// only what holds either way, that a retry (with that key) cannot add the money twice (README: 500, 503).
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
			return ['topup.unavailable'];
		case 'AMOUNT_OUT_OF_RANGE':
			return ['topup.amountRange'];
		default:
			return ['topup.refusedCode', { code }];
	}
}
