import { describe, expect, it } from 'vitest';
import { counterEnglish } from './support/counter-english';
import type { Payment } from '../../../src/lib/api/types';
import { usedHereText } from '../../../src/lib/cashier/used-here';

const english = counterEnglish;

const NOW = new Date('2026-12-05T10:05:00.000Z');
const usedBy = (status: Payment['status'], paidInCash = false, settledAt = '2026-12-05T10:02:00.000Z') => ({
	reasonDetail: 'USED_HERE' as const,
	codeUsedBy: { paymentId: 'pay_1', status, amount: { amount: 2350, currency: 'CNY' }, settledAt, paidInCash }
});

describe('a code declined as already used at this shop', () => {
	it('says when and how much it paid here, when the sale that used it was paid', () => {
		expect(usedHereText(english, usedBy('succeeded'), NOW)).toBe('This code already paid ¥23.50 at this shop, at 10:02.');
		// Refunded since: it was paid all the same (Today shows the refund).
		expect(usedHereText(english, usedBy('refunded'), NOW)).toBe('This code already paid ¥23.50 at this shop, at 10:02.');
		expect(usedHereText(english, usedBy('declined', true), NOW)).toBe('This code’s sale of ¥23.50 at 10:02 was already paid in cash at this shop.');
		// A screenshot of a code of an earlier day: its date too.
		expect(usedHereText(english, usedBy('succeeded', false, '2026-12-04T18:30:00.000Z'), NOW)).toBe('This code already paid ¥23.50 at this shop, at 2026-12-04 18:30.');
		// Kept from before the server said which sale: still sent to Today first.
		expect(usedHereText(english, { reasonDetail: 'USED_HERE' }, NOW)).toBe('This code was already used at this shop.');
	});

	it('says nothing of its own when that sale was declined and not paid, nor for any other decline', () => {
		expect(usedHereText(english, usedBy('declined'), NOW)).toBeNull();
		expect(usedHereText(english, { reasonDetail: null, codeUsedBy: null }, NOW)).toBeNull();
		expect(usedHereText(english, { reasonDetail: 'USED_AFTER_SCAN', codeUsedBy: null }, NOW)).toBeNull();
	});
});
