import { describe, expect, it } from 'vitest';
import { refundSplit } from '../../api/payments/split.js';
import type { Payment } from '../../src/lib/api/types.js';
import { refundCashMinor, refundSubsidyMinor } from '../../src/lib/cashier/refund.js';

const m = (amount: number) => ({ amount, currency: 'CNY' });

/** A small deterministic generator (mulberry32): the same cases every run, many of them. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The refund dialog tells the owner, before they confirm, what the customer gets back and, for a platform coupon,
 * what of its saving goes back to the platform; the server then splits the refund (api/payments/split.ts). The two
 * must be the same to the fen, over any run of part refunds: the dialog said ¥0.09 back where the server gave ¥0.10
 * after a first part refund.
 */
describe("the refund dialog's preview", () => {
	it("is the server's split, refund after refund", () => {
		const next = random(20261202);
		const int = (max: number) => 1 + Math.floor(next() * max);
		for (let t = 0; t < 3000; t++) {
			const amount = int(t % 3 === 0 ? 100_000_000 : 10_000);
			const deduction = Math.floor(next() * amount);
			const charged = amount - deduction;
			const funding = t % 4 === 0 ? 'merchant' : 'platform';
			let payment = { amount: m(amount), deduction: m(deduction), charged: m(charged), refunded: m(0), refundedCash: m(0), refundedSubsidy: m(0), funding } as Payment;
			while (payment.refunded.amount < amount) {
				const part = int(amount - payment.refunded.amount);
				const server = refundSplit({ amount, charged, deduction, funding, refunded: payment.refunded.amount, refundedCash: payment.refundedCash.amount, refundedSubsidy: payment.refundedSubsidy.amount }, part);
				const which = JSON.stringify({ amount, deduction, funding, refunded: payment.refunded.amount, part });
				expect(refundCashMinor(payment, part), which).toBe(server.cash);
				expect(refundSubsidyMinor(payment, part), which).toBe(server.subsidy);
				payment = { ...payment, refunded: m(payment.refunded.amount + part), refundedCash: m(payment.refundedCash.amount + server.cash), refundedSubsidy: m(payment.refundedSubsidy.amount + server.subsidy) };
			}
			expect(payment.refundedCash.amount).toBe(charged);
			expect(payment.refundedSubsidy.amount).toBe(funding === 'platform' ? deduction : 0);
		}
	});
});
