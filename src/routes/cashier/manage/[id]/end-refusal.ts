/**
 * Why "End now" did not end the campaign, as a message key of the app's dictionaries, by the error's stable code.
 * Never the server's own message: that is English, for logs and developers, and a manager reading Chinese was
 * shown it as it came. A 401 signs the tablet out before this is read (SessionStore), so it has no words here.
 */
import type { MessageText } from '$lib/i18n/message-text';

export function endCampaignRefusal(code: string): MessageText {
	switch (code) {
		// The tablet's sign-in is no longer a manager's (another manager changed it).
		case 'FORBIDDEN':
			return ['manage.end.notManager'];
		// Not a campaign of this shop (any more): the page was opened from an old link or another shop's sign-in.
		case 'NOT_FOUND':
			return ['manage.end.notFound'];
		// The first tap with this key is still being worked on; the dialog keeps its key, so another tap ends it once.
		case 'IN_PROGRESS':
			return ['manage.end.inProgress'];
		// The server or its database failed; nothing changed, and a retry with the same key is safe (README: 500, 503).
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
			return ['manage.end.unavailable'];
		default:
			return ['manage.end.refusedCode', { code }];
	}
}
