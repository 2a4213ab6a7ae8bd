/**
 * Why a new campaign, a coupon given or a change of a campaign's limits was not saved, as a message key of the
 * app's dictionaries, by the error's stable code: never the server's own message, which is English, for logs and
 * developers (a manager reading Chinese was shown "被拒绝: The database is not reachable right now…"). The forms
 * name their own refusals first (a handle unknown, out of stock, an end passed); this is what is left.
 */
import type { MessageText } from '$lib/i18n/message-text';

export function campaignRefusal(code: string): MessageText {
	switch (code) {
		// The tablet's sign-in is no longer a manager's (another manager changed it since the page opened).
		case 'FORBIDDEN':
			return ['manage.refusal.notManager'];
		case 'UNAUTHENTICATED':
			return ['shop.refused.signedOut'];
		// Not a campaign of this shop (any more): the page was opened from an old link.
		case 'NOT_FOUND':
			return ['manage.refusal.notFound'];
		// The first tap with this key is still being worked on; the form keeps its key, so another tap saves once.
		case 'IN_PROGRESS':
			return ['manage.refusal.inProgress'];
		// What the form checks, refused all the same (the server's limits moved, a title with control characters).
		case 'INVALID_REQUEST':
		case 'AMOUNT_OUT_OF_RANGE':
		case 'CURRENCY_MISMATCH':
		case 'MINIMUM_SPEND_OVER_THRESHOLD':
		case 'SAVING_OVER_MINIMUM':
		case 'BUDGET_BELOW_SAVING':
			return ['manage.refusal.invalid'];
		// The server or its database failed; nothing changed, and trying again is safe (README: 500, 503).
		case 'INTERNAL':
		case 'UNAVAILABLE':
		case 'REQUEST_TIMEOUT':
			return ['manage.refusal.unavailable'];
		default:
			return ['manage.refusal.code', { code }];
	}
}
