/**
 * What the coupon had paid of a refund, as the customer's screens say it (the wallet's refund notice, the history's
 * refund line): the cash back is only the customer's share of the part refunded (api/payments/split.ts), so a customer
 * told "¥10.00 refunded" at the counter is told why less came back, or why nothing did (a fen of an order the coupon
 * paid half of rounds down to no cash at all).
 */
import '$lib/i18n/en-later'; // the words named here, handed over before this module runs
import type { Money } from '$lib/api/types';
import type { I18n } from '$lib/i18n/i18n.svelte';

/** The line for a refund of `amount` that gave `cash` back; null when the coupon had paid none of it. */
export function couponShareText(i18n: I18n, { amount, cash }: { amount: Money; cash: Money }): string | null {
	if (cash.amount === 0) return i18n.t('history.refundCoupon', { amount: i18n.money(amount) });
	if (amount.amount > cash.amount) {
		return i18n.t('history.refundSplit', { amount: i18n.money(amount), saving: i18n.money({ amount: amount.amount - cash.amount, currency: amount.currency }) });
	}
	return null;
}
