import { describe, expect, it } from 'vitest';
import type { Coupon } from '../../../src/lib/api/types';
import { couponUsability, expiryWording, nextCouponChangeMs, wholeLastDay } from '../../../src/lib/customer/coupons';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function coupon(validFromMs: number, validUntilMs: number): Coupon {
	return {
		id: `cpn_${validFromMs}_${validUntilMs}`,
		campaignId: 'cmp_1',
		title: '¥5 off',
		state: 'available',
		rule: { kind: 'fixed', off: 500 },
		funding: 'platform',
		merchants: 'all',
		minimumSpend: null,
		validFrom: iso(validFromMs),
		validUntil: iso(validUntilMs),
		reservedUntil: null
	};
}

describe('the home screen looks at the clock again when a coupon starts or stops being usable', () => {
	it('the next such moment is the earliest start or end still ahead', () => {
		const endsSoon = coupon(NOW - 60_000, NOW + 5_000);
		const startsSooner = coupon(NOW + 2_000, NOW + 86_400_000);
		expect(nextCouponChangeMs([endsSoon], NOW)).toBe(NOW + 5_000);
		expect(nextCouponChangeMs([endsSoon, startsSooner], NOW)).toBe(NOW + 2_000);
	});

	it('a coupon that ends exactly now is already expired, and its end is not a moment still ahead', () => {
		const endsNow = coupon(NOW - 60_000, NOW);
		expect(couponUsability(endsNow, NOW)).toEqual({ usable: false, reason: 'expired' });
		expect(couponUsability(endsNow, NOW - 1)).toEqual({ usable: true, reason: null });
		expect(nextCouponChangeMs([endsNow], NOW)).toBeNull();
	});

	it('no coupons, or only ones already over, give nothing to wait for', () => {
		expect(nextCouponChangeMs([], NOW)).toBeNull();
		expect(nextCouponChangeMs([coupon(NOW - 2_000, NOW - 1_000)], NOW)).toBeNull();
	});
});

describe('a coupon ending within two days says its hour, by the phone’s own calendar', () => {
	// Local times: the wording follows the days the customer lives by.
	const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).getTime();
	const now = at(1, 10);

	it('later today, and tomorrow', () => {
		expect(expiryWording(iso(at(1, 14)), now)).toBe('today');
		expect(expiryWording(iso(at(1, 23, 59)), now)).toBe('today');
		expect(expiryWording(iso(at(2, 0)), now)).toBe('tomorrow');
		expect(expiryWording(iso(at(2, 9)), now)).toBe('tomorrow');
	});

	it('the day after tomorrow but within two days: date and hour; further away: the date only at a day\'s edge', () => {
		expect(expiryWording(iso(at(3, 9)), now)).toBe('dateAndTime');
		expect(expiryWording(iso(at(3, 10)), now)).toBe('dateAndTime');
		// An end at 00:00 or at the day's last minute is a whole day: its date says it.
		expect(expiryWording(iso(at(4, 0)), now)).toBe('date');
		expect(expiryWording(iso(at(30, 23, 59)), now)).toBe('date');
		// Any other minute keeps its hour however far away, as the offer the coupon came from said it.
		expect(expiryWording(iso(at(3, 10, 1)), now)).toBe('dateAndTime');
		expect(expiryWording(iso(at(30, 10)), now)).toBe('dateAndTime');
		expect(expiryWording(iso(at(30, 0) + 1_000), now)).toBe('dateAndTime');
	});

	it('a start far away is a whole day at 00:00 only: one at 23:59 keeps its hour', () => {
		expect(expiryWording(iso(at(30, 0)), now, 'start')).toBe('date');
		expect(expiryWording(iso(at(30, 23, 59)), now, 'start')).toBe('dateAndTime');
		expect(expiryWording(iso(at(30, 10, 30)), now, 'start')).toBe('dateAndTime');
	});

	it('an end at 00:00 is the end of the day before: "until the end of today", not "until 00:00 tomorrow"', () => {
		expect(wholeLastDay(iso(at(2, 0)), now)).toBe('today');
		expect(wholeLastDay(iso(at(3, 0)), now)).toBe('tomorrow');
		// Just before midnight, today is still the last day.
		expect(wholeLastDay(iso(at(2, 0)), at(1, 23, 59))).toBe('today');
		// Any other minute keeps its hour; 00:00 further away its date.
		expect(wholeLastDay(iso(at(2, 0, 1)), now)).toBeNull();
		expect(wholeLastDay(iso(at(1, 23, 59)), now)).toBeNull();
		expect(wholeLastDay(iso(at(4, 0)), now)).toBeNull();
		expect(wholeLastDay(iso(at(1, 0)), now)).toBeNull();
	});
});
