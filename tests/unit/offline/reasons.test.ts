import { describe, expect, it } from 'vitest';
import { declineText, refusalText } from '../../../src/lib/offline/reasons';
import { cny, payment } from './fixtures';

const yuan = (m: { amount: number; currency: string }) => `¥${(m.amount / 100).toFixed(2)}`;

describe('plain words for the cashier', () => {
	it('says why a payment was declined at sync, with the coupon detail', () => {
		expect(declineText({ payment: payment({ status: 'declined', reason: 'CODE_EXPIRED' }) })).toMatch(/expired when it was scanned/);
		expect(
			declineText({ payment: payment({ status: 'declined', reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'BELOW_MINIMUM' }) })
		).toBe('The coupon on the code could not be used for this order: the order is below the coupon’s minimum spend.');
	});

	it('shows the server’s message for a refused request, and the code for an unknown reason', () => {
		expect(declineText({ error: { code: 'CURRENCY_MISMATCH', message: 'This shop takes CNY only.' } })).toBe(
			'The server refused the request: This shop takes CNY only.'
		);
		expect(declineText({ payment: payment({ status: 'declined', reason: 'NEW_REASON' }) })).toBe('Declined (NEW_REASON).');
	});

	it('names the offline limit that refused a payment, with the amounts', () => {
		expect(refusalText({ ok: false, reason: 'OFFLINE_PAYMENT_CAP', limit: cny(50_000) }, yuan)).toMatch(/at most ¥500\.00/);
		expect(refusalText({ ok: false, reason: 'OFFLINE_TOTAL_CAP', limit: cny(200_000), pending: cny(190_000) }, yuan)).toMatch(
			/¥2000\.00 unpaid \(¥1900\.00 waiting now\)/
		);
		expect(refusalText({ ok: false, reason: 'OFFLINE_COUNT_CAP', limit: 50 }, yuan)).toMatch(/at most 50 unpaid/);
	});
});
