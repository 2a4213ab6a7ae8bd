/**
 * Why "Close the day" did not close it, as a message key of the app's dictionaries, by the error's stable code.
 * Never the server's own message: that is English, for logs and developers, and a manager reading Chinese was
 * shown it as it came. A 401 signs the tablet out before this is read (SessionStore); it has words all the same.
 */
import type { MessageText } from '$lib/i18n/message-text';

export function closeDayRefusal(code: string): MessageText {
	switch (code) {
		// The tablet's sign-in is no longer a manager's (another manager changed it since the page opened).
		case 'FORBIDDEN':
			return ['close.refusedManager'];
		case 'UNAUTHENTICATED':
			return ['charge.signedOut'];
		// The first tap with this key is still being worked on; the dialog keeps its key, so another tap closes once.
		case 'IN_PROGRESS':
			return ['close.refusedInProgress'];
		// This close's key was used for another request, or it collided with another close: the same key can only
		// be refused again, so the manager starts over from the dialog (which reads the period afresh).
		case 'IDEMPOTENCY_MISMATCH':
		case 'CONFLICT':
			return ['close.refusedConflict'];
		// The server or its database failed; nothing was closed, and a retry with the same key is safe (README: 500, 503).
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
			return ['close.refusedUnavailable'];
		default:
			return ['close.refusedCode', { code }];
	}
}
