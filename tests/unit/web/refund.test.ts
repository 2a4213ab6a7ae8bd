import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/lib/api/types';
import { dayTotals, isRefundable, netToShop, paidAfterRefunds, refundableMinor, refundCashMinor } from '../../../src/lib/cashier/refund';
import { zheRate } from '../../../src/lib/i18n/phrases';

const m = (amount: number) => ({ amount, currency: 'CNY' });
const payment = (amount: number, charged: number, refunded = 0, refundedCash = 0): Payment =>
	({ status: refunded ? 'partially_refunded' : 'succeeded', amount: m(amount), charged: m(charged), refunded: m(refunded), refundedCash: m(refundedCash) }) as Payment;

describe('the refund preview', () => {
	it('gives back the cash part pro rata, rounded down', () => {
		// A = 60.00, C = 51.00: refunding 20.00 of the order returns 17.00.
		expect(refundCashMinor(payment(6000, 5100), 2000)).toBe(1700);
		// 1/3 of 10.00 of cash is 3.33, not 3.34.
		expect(refundCashMinor(payment(3000, 1000), 1000)).toBe(333);
	});

	it('counts the cash already given back from the payment itself, so it is right before the refunds list loads', () => {
		// A = 100.00, C = 80.00, 50.00 refunded with 40.00 cash: 10.00 more gives 8.00 back, the rest 40.00.
		const p = payment(10_000, 8_000, 5_000, 4_000);
		expect(refundCashMinor(p, 1_000)).toBe(800);
		expect(refundCashMinor(p, 5_000)).toBe(4_000);
	});

	it('gives the last refund the exact remainder, so the sum is exactly C', () => {
		const p = payment(3000, 1000, 2000, 666);
		expect(refundCashMinor(p, 1000)).toBe(334);
	});

	it('refuses parts outside what is left', () => {
		const p = payment(6000, 5100, 2000);
		expect(refundableMinor(p)).toBe(4000);
		expect(() => refundCashMinor(p, 4001)).toThrow();
		expect(() => refundCashMinor(p, 0)).toThrow();
	});

	it('handles amounts whose product passes 2^53', () => {
		expect(refundCashMinor(payment(100_000_000, 99_999_999), 99_999_999)).toBe(99_999_998);
	});

	it('offers refunds only on paid payments with something left', () => {
		expect(isRefundable(payment(6000, 5100))).toBe(true);
		expect(isRefundable({ ...payment(6000, 5100, 6000), status: 'refunded' })).toBe(false);
		expect(isRefundable({ ...payment(6000, 0), status: 'declined' })).toBe(false);
	});
});

describe('what the shop keeps', () => {
	it('is the settlement less what refunds paid back, not less the part of the order they cover', () => {
		// 60.00 with 10.00 off funded by the shop: settled 50.00; refunded in full, 50.00 back to the wallet.
		const shopCoupon = { settlement: m(5000), refunded: m(6000), refundedCash: m(5000), refundedSubsidy: m(0) };
		expect(netToShop(shopCoupon)).toEqual(m(0));
		// The same order with the 10.00 funded by the platform: settled 60.00, 50.00 and 10.00 go back.
		expect(netToShop({ settlement: m(6000), refundedCash: m(5000), refundedSubsidy: m(1000) })).toEqual(m(0));
		// A partial refund of 6.00 of the shop-funded order: 5.00 back, 45.00 kept.
		expect(netToShop({ settlement: m(5000), refundedCash: m(500), refundedSubsidy: m(0) })).toEqual(m(4500));
	});

	it("over a day, next to what the refunds paid back, so that the two on screen subtract", () => {
		const paid = (settlement: number, refunded: number, cash: number, subsidy: number, status = 'succeeded') =>
			({ status, settlement: m(settlement), refunded: m(refunded), refundedCash: m(cash), refundedSubsidy: m(subsidy) }) as Payment;
		const day = [
			// 88.88 with 13.33 off by the platform, refunded in full: 75.55 back to the wallet, 13.33 to the platform.
			{ ...paid(8888, 8888, 7555, 1333, 'refunded'), funding: 'platform', deduction: m(1333) } as Payment,
			// 60.00 with 10.00 off by the shop, 20.00 of it refunded: 16.66 back (the shop never had the 10.00).
			paid(5000, 2000, 1666, 0, 'partially_refunded'),
			paid(8080, 0, 0, 0),
			paid(0, 0, 0, 0, 'declined'),
		];
		const totals = dayTotals(day, 'CNY');
		// The platform's saving went back to it with the refund: none of what is kept is the platform's.
		expect(totals).toEqual({ count: 3, kept: m(8888 + 5000 + 8080 - 7555 - 1333 - 1666), paidBack: m(7555 + 1333 + 1666), cashCount: 0, cash: m(0), fromPlatform: m(0) });
		// Takings 219.68 less 105.54 paid back is what is kept, 114.14; less the 108.88 of sales refunded it is not.
		expect(totals.kept.amount).toBe(8888 + 5000 + 8080 - totals.paidBack.amount);
		expect(totals.kept.amount).not.toBe(8888 + 5000 + 8080 - (8888 + 2000));
	});

	it("says how much of what the shop keeps the platform pays for its coupons, less what refunds gave back to it", () => {
		const sale = (charged: number, deduction: number, funding: Payment['funding'], refundedSubsidy = 0) =>
			({ status: 'succeeded', charged: m(charged), deduction: m(deduction), funding, settlement: m(funding === 'platform' ? charged + deduction : charged), refundedCash: m(0), refundedSubsidy: m(refundedSubsidy) }) as unknown as Payment;
		// ¥60.00 with 15% off by the platform (¥9.00), ¥30.00 with ¥5.00 off by the shop, half of a ¥20.00 platform saving returned.
		const day = [sale(5100, 900, 'platform'), sale(2500, 500, 'merchant'), sale(3000, 2000, 'platform', 1000), sale(1000, 0, null)];
		const totals = dayTotals(day, 'CNY');
		expect(totals.fromPlatform).toEqual(m(900 + 2000 - 1000));
		// What the Charged column adds up to, and the platform's part, make what is kept.
		expect(totals.kept.amount).toBe(5100 + 2500 + 3000 + 1000 + totals.fromPlatform.amount);
	});

	it('says apart the cash taken for declined sales noted that day, as the Day report counts it', () => {
		const declined = (amount: number, cashAt: string | null) =>
			({ status: 'declined', amount: m(amount), settlement: m(0), refundedCash: m(0), refundedSubsidy: m(0), paidInCash: cashAt ? { at: cashAt, note: 'cash', cashierId: 'c' } : null }) as unknown as Payment;
		const sale = { status: 'succeeded', amount: m(2000), settlement: m(2000), refundedCash: m(0), refundedSubsidy: m(0), paidInCash: null } as unknown as Payment;
		const day = [sale, declined(1200, '2026-12-05T10:00:00.000Z'), declined(350, '2026-12-06T09:00:00.000Z'), declined(999, null)];
		// Not what the shop receives (the wallet paid none of it): the sale's figures stand as they were.
		expect(dayTotals(day, 'CNY')).toEqual({ count: 1, kept: m(2000), paidBack: m(0), cashCount: 2, cash: m(1550), fromPlatform: m(0) });
		// Noted on a later day, it is that day's cash on the Day report, and not this one's.
		expect(dayTotals(day, 'CNY', (at) => at.startsWith('2026-12-05'))).toMatchObject({ cashCount: 1, cash: m(1200) });
	});
});

describe('percent coupons in Chinese', () => {
	it('are written as the share paid (15% off is 8.5折)', () => {
		expect(zheRate(15)).toBe('8.5');
		expect(zheRate(20)).toBe('8');
		expect(zheRate(5)).toBe('9.5');
	});
});

describe('what the customer paid after refunds (the reprinted receipt)', () => {
	it('is what was charged less the cash put back, not less the part of the order refunded', () => {
		// A = 60.00 with ¥5 off (C = 55.00); 30.00 of the order refunded gave back 27.50.
		expect(paidAfterRefunds({ charged: m(5500), refundedCash: m(2750) })).toEqual(m(2750));
		expect(paidAfterRefunds({ charged: m(2834), refundedCash: m(0) })).toEqual(m(2834));
		expect(paidAfterRefunds({ charged: m(2834), refundedCash: m(2834) })).toEqual(m(0));
	});

	it('refuses a refund total above what was charged', () => {
		expect(() => paidAfterRefunds({ charged: m(100), refundedCash: m(101) })).toThrow();
	});
});
