/**
 * Why "Replace this link" did not replace it, as a message key of the app's dictionaries, by the error's stable
 * code (never the server's English message). ALREADY_REPLACED is not here: it is not a failure to report, the
 * poster then shows the link that replaced it (ReplaceLink.svelte). A 401 signs the tablet out before this is read.
 */
import type { MessageText } from '$lib/i18n/message-text';

export function replaceLinkRefusal(code: string): MessageText {
	switch (code) {
		// The tablet's sign-in is no longer a manager's (another manager changed it).
		case 'FORBIDDEN':
			return ['poster.replace.notManager'];
		// The campaign is not this shop's, or the link is not the campaign's: the page is out of date.
		case 'NOT_FOUND':
			return ['poster.replace.notFound'];
		// The first tap with this key is still being worked on; the dialog keeps its key, so another tap replaces once.
		case 'IN_PROGRESS':
			return ['poster.replace.inProgress'];
		// The server or its database failed; nothing changed, and a retry with the same key is safe (README: 500, 503).
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
			return ['poster.replace.unavailable'];
		default:
			return ['poster.replace.refusedCode', { code }];
	}
}
