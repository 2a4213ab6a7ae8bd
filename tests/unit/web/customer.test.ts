import { describe, expect, it } from 'vitest';
import type { Coupon } from '../../../src/lib/api/types';
import { couponMinimum, couponUsability, sortCoupons } from '../../../src/lib/customer/coupons';
import { groupDigits, refreshDelayMs, REFRESH_LEAD_MS, spokenDigits } from '../../../src/lib/customer/paycode';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const coupon = (over: Partial<Coupon>): Coupon => ({
	id: 'c',
	campaignId: 'k',
	title: 't',
	state: 'available',
	rule: { kind: 'fixed', off: 500 },
	funding: 'platform',
	merchants: 'all',
	minimumSpend: null,
	validFrom: '2026-01-01T00:00:00Z',
	validUntil: '2027-01-01T00:00:00Z',
	reservedUntil: null,
	...over
});

describe('which coupons a customer can choose', () => {
	it('greys out used, expired and not-yet-valid coupons with the reason', () => {
		expect(couponUsability(coupon({}), NOW)).toEqual({ usable: true, reason: null });
		expect(couponUsability(coupon({ state: 'redeemed' }), NOW).reason).toBe('redeemed');
		expect(couponUsability(coupon({ state: 'expired' }), NOW).reason).toBe('expired');
		expect(couponUsability(coupon({ validUntil: '2026-06-01T11:59:59Z' }), NOW).reason).toBe('expired');
		expect(couponUsability(coupon({ validFrom: '2026-06-02T00:00:00Z' }), NOW).reason).toBe('notYetValid');
	});

	it('a coupon offered to a friend cannot pay until it is taken back', () => {
		expect(couponUsability(coupon({ state: 'shared', shareToken: 'tok' }), NOW)).toEqual({ usable: false, reason: 'shared' });
		expect(couponUsability(coupon({ state: 'available', shareToken: null }), NOW).usable).toBe(true);
	});

	it('lets a coupon reserved by the last code be chosen again (a new code releases it)', () => {
		expect(couponUsability(coupon({ state: 'reserved' }), NOW).usable).toBe(true);
	});

	it('lists usable coupons first, the one running out soonest on top', () => {
		const sorted = sortCoupons(
			[
				coupon({ id: 'used', state: 'redeemed' }),
				coupon({ id: 'late', validUntil: '2026-12-01T00:00:00Z' }),
				coupon({ id: 'soon', validUntil: '2026-07-01T00:00:00Z' })
			],
			NOW
		);
		expect(sorted.map((c) => c.id)).toEqual(['soon', 'late', 'used']);
	});

	it('after the usable ones: those usable later (the soonest first), then offered to a friend, then used or expired', () => {
		const sorted = sortCoupons(
			[
				coupon({ id: 'used', state: 'redeemed', validUntil: '2026-06-20T00:00:00Z' }),
				coupon({ id: 'next-week', validFrom: '2026-06-08T00:00:00Z', validUntil: '2026-06-10T00:00:00Z' }),
				coupon({ id: 'shared', state: 'shared', shareToken: 'tok' }),
				coupon({ id: 'expired', validUntil: '2026-05-01T00:00:00Z' }),
				coupon({ id: 'tonight', validFrom: '2026-06-01T18:00:00Z', validUntil: '2026-12-01T00:00:00Z' }),
				coupon({ id: 'usable' })
			],
			NOW
		);
		expect(sorted.map((c) => c.id)).toEqual(['usable', 'tonight', 'next-week', 'shared', 'expired', 'used']);
	});

	it('knows the minimum order from a threshold rule or the campaign', () => {
		expect(couponMinimum(coupon({ rule: { kind: 'threshold', minimum: 5000, off: 1000 } }))).toBe(5000);
		expect(couponMinimum(coupon({ minimumSpend: { amount: 3000, currency: 'CNY' } }))).toBe(3000);
		expect(couponMinimum(coupon({}))).toBeNull();
	});
});

describe('the payment code screen', () => {
	it('refreshes 10 s before expiry, or halfway for very short codes', () => {
		expect(refreshDelayMs(60_000)).toBe(60_000 - REFRESH_LEAD_MS);
		expect(refreshDelayMs(12_000)).toBe(6_000);
		expect(refreshDelayMs(0)).toBe(0);
	});

	it('groups the 18 digits in threes for reading aloud', () => {
		expect(groupDigits('881234567890123456')).toEqual(['881', '234', '567', '890', '123', '456']);
	});

	it('spells the code digit by digit for a screen reader, a pause between the groups, a leading zero kept', () => {
		expect(spokenDigits('881012567890123006')).toBe('8 8 1, 0 1 2, 5 6 7, 8 9 0, 1 2 3, 0 0 6');
	});
});
