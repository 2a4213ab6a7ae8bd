// Plain words for the cashier: why a payment was declined at sync, and why the tablet refused to
// take one offline. The codes are the API's (DESIGN.md) and the offline limits' own.
import type { EnqueueRefusal } from './enqueue';
import type { OutboxEntry } from './types';

const DECLINE_TEXT: Record<string, string> = {
	CODE_UNKNOWN: 'The payment code was not recognised.',
	CODE_EXPIRED: 'The payment code had already expired when it was scanned.',
	CODE_USED: 'The payment code had already been used.',
	COUPON_NOT_APPLICABLE: 'The coupon on the code could not be used for this order.',
	INSUFFICIENT_FUNDS: "The customer's balance was too low.",
	OFFLINE_WINDOW_PASSED: 'It was sent too long after it was scanned (more than 24 hours).'
};

const COUPON_DETAIL_TEXT: Record<string, string> = {
	BELOW_MINIMUM: 'the order is below the coupon’s minimum spend',
	WRONG_MERCHANT: 'the coupon is not valid in this shop',
	NOT_YET_VALID: 'the coupon was not valid yet',
	EXPIRED: 'the coupon had expired',
	BUDGET_EXHAUSTED: 'the campaign’s budget is used up',
	NOT_OWNER: 'the coupon belongs to someone else',
	NOT_AVAILABLE: 'the coupon was no longer available'
};

/** One sentence saying why this entry was not paid. */
export function declineText(entry: Pick<OutboxEntry, 'payment' | 'error'>): string {
	const reason = entry.payment?.reason;
	if (reason) {
		const base = DECLINE_TEXT[reason] ?? `Declined (${reason}).`;
		const detail = entry.payment?.reasonDetail ? COUPON_DETAIL_TEXT[entry.payment.reasonDetail] : undefined;
		return detail ? `${base.slice(0, -1)}: ${detail}.` : base;
	}
	if (entry.error) return `The server refused the request: ${entry.error.message}`;
	return 'Not paid.';
}

/** One sentence saying why the tablet would not take this payment. `format` shows money. */
export function refusalText(refusal: EnqueueRefusal | { reason: 'SIGNED_OUT' }, format: (m: { amount: number; currency: string }) => string): string {
	switch (refusal.reason) {
		case 'OFFLINE_PAYMENT_CAP':
			return `Offline, one payment can be at most ${format(refusal.limit)}. Ask for another way to pay, or wait for the network.`;
		case 'OFFLINE_TOTAL_CAP':
			return `Offline, this tablet can hold at most ${format(refusal.limit)} unpaid (${format(refusal.pending)} waiting now). Wait for the network before taking more.`;
		case 'OFFLINE_COUNT_CAP':
			return `Offline, this tablet can hold at most ${refusal.limit} unpaid payments. Wait for the network before taking more.`;
		case 'INVALID_CODE':
			return 'A payment code is 18 digits. Scan or type it again.';
		case 'INVALID_AMOUNT':
			return 'Enter an amount between 0.01 and 1,000,000.00.';
		case 'SIGNED_OUT':
			return 'Sign in again to take payments.';
	}
}
