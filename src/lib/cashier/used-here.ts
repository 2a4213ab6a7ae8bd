import type { Payment } from '$lib/api/types';
import type { I18n } from '$lib/i18n/i18n.svelte';
import { timeOnDay } from '$lib/i18n/dates';

/**
 * What a decline of a code already used up at this shop (USED_HERE) says when the sale that used it up was paid:
 * through the wallet, or declined and then paid in cash. The cashier read the same code twice, or was shown a
 * screenshot of the code just paid with, and this sale was most likely paid already: "Paid in cash" would take the
 * money twice. Null for any other decline, and for one whose code was used up by a sale declined and not paid,
 * which leaves this sale unpaid, as any used code's. An answer kept from before the server said which sale (no
 * `codeUsedBy`) is taken as paid: checking Today first costs a look, not money.
 */
export function usedHereText(i18n: Pick<I18n, 't' | 'money' | 'time' | 'date' | 'dateTime'>, payment: Pick<Payment, 'reasonDetail' | 'codeUsedBy'>, now = new Date()): string | null {
	if (payment.reasonDetail !== 'USED_HERE') return null;
	const by = payment.codeUsedBy ?? null;
	if (by?.status === 'declined' && !by.paidInCash) return null;
	if (by === null) return i18n.t('charge.usedHere');
	// A time alone on the shop's day (both dates are written on the shop's clock); a code of an earlier day has its date.
	const values = { amount: i18n.money(by.amount), time: timeOnDay(i18n, by.settledAt, now) };
	return i18n.t(by.status === 'declined' ? 'charge.usedHereCash' : 'charge.usedHerePaid', values);
}
