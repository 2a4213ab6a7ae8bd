/**
 * What a refund gives back, previewed before the cashier confirms (DESIGN.md "Ledger"): a refund
 * names a part r of the order amount A; the customer gets the cash part r × C ÷ A rounded down on the
 * running total (as the server splits it), and the refund that takes what is left gets the exact remainder.
 * BigInt: r × C can pass 2^53.
 */
import type { Money, Payment } from '$lib/api/types';

/** The part of the order amount not yet refunded, in minor units. */
export function refundableMinor(p: Payment): number {
	return Math.max(0, p.amount.amount - p.refunded.amount);
}

/**
 * Cash back to the wallet for refunding `partMinor` of the order: rounded down on the running total, as the server
 * splits it (api/payments/split.ts), so the last refund gets the exact remainder. Not `partMinor` × C ÷ A on its
 * own: after a first part refund that was a fen short of what the server gave back (A 7.33, C 0.61, 4.92 refunded:
 * 1.18 more gives 0.10 back, not the 0.09 the dialog said). The cash so far is the payment's own `refundedCash`, as
 * the server counts it, not a sum of the refunds listed: the list is empty until it loads, and late after a refund.
 */
export function refundCashMinor(p: Payment, partMinor: number): number {
	const left = refundableMinor(p);
	if (!Number.isSafeInteger(partMinor) || partMinor <= 0 || partMinor > left) throw new Error('refund part out of range');
	const cashSoFar = p.refundedCash.amount;
	if (partMinor === left) return p.charged.amount - cashSoFar;
	const after = BigInt(p.refunded.amount + partMinor);
	return Number((after * BigInt(p.charged.amount)) / BigInt(p.amount.amount)) - cashSoFar;
}

/**
 * The platform's saving a refund of `partMinor` of the order gives back to the platform: none unless the platform
 * funded the coupon; else the rest of the part once the cash is taken out, as the server splits it
 * (api/payments/split.ts). The shop was settled all of A then, so cash and subsidy together are exactly the part,
 * and the last refund returns exactly what is left of D.
 */
export function refundSubsidyMinor(p: Payment, partMinor: number): number {
	if (p.funding !== 'platform') {
		if (!Number.isSafeInteger(partMinor) || partMinor <= 0 || partMinor > refundableMinor(p)) throw new Error('refund part out of range');
		return 0;
	}
	const cashAfter = p.refundedCash.amount + refundCashMinor(p, partMinor);
	return p.refunded.amount + partMinor - cashAfter - p.refundedSubsidy.amount;
}

/**
 * What the customer paid in the end: charged, less the cash the refunds put back in their wallet. Not less
 * `refunded` (a part of the order amount, which includes the coupon's share), which would show a shortfall.
 */
export function paidAfterRefunds(p: Pick<Payment, 'charged' | 'refundedCash'>): Money {
	const amount = p.charged.amount - p.refundedCash.amount;
	if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`refunds put back more than was charged: ${amount}`);
	return { amount, currency: p.charged.currency };
}

/** Payments that can still be refunded. */
export function isRefundable(p: Payment): boolean {
	return (p.status === 'succeeded' || p.status === 'partially_refunded') && refundableMinor(p) > 0;
}

/**
 * What the shop keeps of a payment or a period: what it was settled, less what every refund paid back (cash to
 * the customer, the platform's subsidy returned). Not less `refunded`, the part of the order amount refunded:
 * with a coupon the shop funded, that is more than the shop ever received.
 */
export function netToShop(f: { settlement: Money; refundedCash: Money; refundedSubsidy: Money }): Money {
	return { amount: f.settlement.amount - paidBack(f).amount, currency: f.settlement.currency };
}

/** What refunds took back from the shop: the cash returned to customers and the platform's subsidy returned. */
export function paidBack(f: { refundedCash: Money; refundedSubsidy: Money }): Money {
	return { amount: f.refundedCash.amount + f.refundedSubsidy.amount, currency: f.refundedCash.currency };
}

/**
 * The day's line above today's payments: how many were paid, what the shop keeps of them, and what their refunds
 * paid back. The two amounts subtract: settlement − paid back = kept. Apart from them, the cash taken at the counter
 * for sales declined and then paid in cash (`cash`, `cashCount`): it is in the till, not in what the shop receives,
 * and the Day report counts it on the day it was noted, so only the notes `notedOnDay` keeps are counted here.
 * `fromPlatform`: of what is kept, the platform's coupons' savings (what the platform pays the shop for them, less
 * what refunds gave back to it): why what the shop receives is more than the Charged column adds up to.
 */
export function dayTotals(
	payments: readonly Payment[],
	currency: string,
	notedOnDay: (at: string) => boolean = () => true
): { count: number; kept: Money; paidBack: Money; cashCount: number; cash: Money; fromPlatform: Money } {
	let count = 0;
	let kept = 0;
	let back = 0;
	let cashCount = 0;
	let cash = 0;
	let platform = 0;
	for (const p of payments) {
		if (p.status === 'declined') {
			if (p.paidInCash && notedOnDay(p.paidInCash.at)) {
				cashCount++;
				cash += p.amount.amount;
			}
			continue;
		}
		count++;
		kept += netToShop(p).amount;
		back += paidBack(p).amount;
		if (p.funding === 'platform') platform += p.deduction.amount - p.refundedSubsidy.amount;
	}
	return {
		count,
		kept: { amount: kept, currency },
		paidBack: { amount: back, currency },
		cashCount,
		cash: { amount: cash, currency },
		fromPlatform: { amount: platform, currency }
	};
}
