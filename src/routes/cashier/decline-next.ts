/**
 * What the cashier does next after a decline, by its reason: the "Next:" line of the declined sale at the counter
 * (ChargeDeclined.svelte). The till's words (en-cashier.ts), kept with the cashier's screens, out of the phone's first
 * load, which says the same fact to the customer in its own words (phrases.ts describeDecline `customerNext`).
 */
import type { DeclineReason } from '$lib/api/types';
import type { MessageKey } from '$lib/i18n/en';

const NEXT_KEYS: Record<DeclineReason, MessageKey> = {
	CODE_UNKNOWN: 'decline.next.CODE_UNKNOWN',
	CODE_EXPIRED: 'decline.next.CODE_EXPIRED',
	CODE_USED: 'decline.next.refreshCode',
	COUPON_NOT_APPLICABLE: 'decline.next.otherCoupon',
	INSUFFICIENT_FUNDS: 'decline.next.INSUFFICIENT_FUNDS',
	OFFLINE_WINDOW_PASSED: 'decline.next.refreshCode',
	OFFLINE_PAYMENT_CAP: 'decline.next.refreshCode'
};

/** The key of the next step for a decline's reason (an unknown code's when the reason is missing or not known here). */
export function declineNextKey(reason: DeclineReason | null): MessageKey {
	return (reason && Object.hasOwn(NEXT_KEYS, reason) ? NEXT_KEYS[reason] : undefined) ?? NEXT_KEYS.CODE_UNKNOWN;
}
