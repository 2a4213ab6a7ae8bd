/**
 * Why a claim (from a poster link or a friend's share) did not give a coupon, in plain words.
 * The API's stable codes map to sentences; an unknown code shows the API's own message.
 */
import { ApiError } from '$lib/api/client';
import type { MessageKey } from '$lib/i18n/en';
import { enLater } from '$lib/i18n/en-later';
import type { I18n } from '$lib/i18n/i18n.svelte';

export function claimErrorText(i18n: I18n, e: unknown, from: string): string {
	if (e instanceof ApiError) {
		const key = `claim.error.${e.code}`;
		if (key in enLater) return i18n.t(key as MessageKey, { from });
		if (e.status === 404) return i18n.t('claim.notFound');
		return e.message;
	}
	return i18n.t('error.network');
}

/**
 * A refusal a retry does not change: the link leads nowhere (404), the offer is taken, all given out or already
 * held (409), or it is over (410). Not a lost answer, a sign-in that ended (401) or a busy server (429, 5xx).
 */
const FINAL_REFUSAL_STATUSES: ReadonlySet<number> = new Set([404, 409, 410]);

export function isFinalRefusal(e: unknown): boolean {
	return e instanceof ApiError && FINAL_REFUSAL_STATUSES.has(e.status);
}

/**
 * How a refusal is shown: holding as many of the campaign's coupons as it allows is no failure (they have it), and
 * reads as it does when the offer opens already knowing it; any other refusal is a failure.
 */
export function claimRefusalTone(e: unknown): 'info' | 'danger' {
	return e instanceof ApiError && e.code === 'LIMIT_REACHED' ? 'info' : 'danger';
}
