/**
 * Why the server did not change the customer's PIN, as a message key of the app's dictionaries, by the error's
 * stable code (never the server's English message).
 */
import '$lib/i18n/en-later'; // the words named here, handed over before this module runs
import type { MessageText } from '$lib/i18n/message-text';
import { warnsOfTries } from '$lib/session/pin-tries';

export function pinChangeRefusal(code: string, triesLeft?: number): MessageText {
	switch (code) {
		// Counted down near the end (the server's triesLeft: pin-tries.ts), as at sign-in; the last one has paused the
		// checks, here and at sign-in.
		case 'WRONG_PIN':
			if (triesLeft === 0) return ['pin.locked'];
			return warnsOfTries(triesLeft) ? ['pin.wrongTriesLeft', { count: triesLeft }] : ['pin.wrong'];
		// Wrong PINs here count with those at sign-in: the handle waits a few minutes (README: RATE_LIMITED).
		case 'RATE_LIMITED':
			return ['pin.locked'];
		case 'IN_PROGRESS':
			return ['pin.inProgress'];
		case 'UNAUTHENTICATED':
		case 'FORBIDDEN':
			return ['pin.signedOut'];
		case 'INVALID_REQUEST':
			return ['pin.format'];
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
			return ['pin.unavailable'];
		default:
			return ['pin.refusedCode', { code }];
	}
}
