import { describe, expect, it } from 'vitest';
import { COUNTER_SALE_MS as SERVER_COUNTER_SALE_MS, STALE_CODE_REASONS as SERVER_STALE_CODE_REASONS } from '../../../api/payments/scan-time.js';
import { DECLINE_REASONS, type DeclineReason } from '../../../api/payments/states.js';
import { COUNTER_SALE_MS, declinedForOtherCode, OTHER_CODE_REASONS, STALE_CODE_REASONS } from '../../../src/lib/customer/stale-code';

/**
 * What the customer's code screen does with a decline of each reason the server gives: keeps showing its code (the
 * decline is of another code: an old screenshot, a retired code) or shows the decline as its result. A reason added
 * to the server's list fails the first test until it is placed here, and in src/lib/customer/stale-code.ts.
 */
const ON_THE_PHONE: Record<DeclineReason, 'keeps its code' | 'shows the decline'> = {
	CODE_UNKNOWN: 'keeps its code',
	CODE_EXPIRED: 'keeps its code',
	CODE_USED: 'keeps its code',
	OFFLINE_PAYMENT_CAP: 'keeps its code',
	COUPON_NOT_APPLICABLE: 'shows the decline',
	INSUFFICIENT_FUNDS: 'shows the decline',
	OFFLINE_WINDOW_PASSED: 'shows the decline',
};

describe('the code screen and the server agree on which declines are of a stale code', () => {
	it('every reason the server declines for is placed', () => {
		expect(Object.keys(ON_THE_PHONE).sort()).toEqual([...DECLINE_REASONS].sort());
	});

	it("the phone's list of stale codes is the server's (api/payments/scan-time.ts)", () => {
		expect([...STALE_CODE_REASONS].sort()).toEqual([...SERVER_STALE_CODE_REASONS].sort());
	});

	it('the declines of another code are the stale codes and OFFLINE_PAYMENT_CAP, no more', () => {
		expect([...OTHER_CODE_REASONS].sort()).toEqual([...SERVER_STALE_CODE_REASONS, 'OFFLINE_PAYMENT_CAP'].sort());
	});

	for (const reason of DECLINE_REASONS) {
		it(`a code declined ${reason}: the phone ${ON_THE_PHONE[reason]}`, () => {
			expect(declinedForOtherCode({ status: 'declined', reason })).toBe(ON_THE_PHONE[reason] === 'keeps its code');
		});
	}

	it("the phone's idea of how late a scanned code may be charged is the server's (COUNTER_SALE_MS)", () => {
		expect(COUNTER_SALE_MS).toBe(SERVER_COUNTER_SALE_MS);
	});

	it('a payment that went through is never taken for another code', () => {
		expect(declinedForOtherCode({ status: 'succeeded', reason: null })).toBe(false);
		expect(declinedForOtherCode({ status: 'declined', reason: null })).toBe(false);
	});
});
