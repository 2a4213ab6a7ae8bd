/**
 * The cash a period put in the till, or took out of it, at the counter (DESIGN.md "Ledger"): the cash taken for
 * sales declined and then paid in cash, plus the top-ups taken in cash, less the top-ups a manager reversed (their
 * cash went back out). Sales paid from wallets and their refunds move no cash: they are not in it. Nor is the float
 * the drawer opened with: this is what the period added to it, so an owner counting the till compares it with the
 * count less the float. Below zero when reversals paid out more than the period took (a top-up of an earlier period
 * reversed, say).
 */
import type { TakingsFigures } from '$lib/api/reports';
import type { Money } from '$lib/api/types';

/** The figures a period's report (the shop's or one cashier's) gives of its cash; those a server older than top-ups left out read as none. */
export type CashFigures = Pick<TakingsFigures, 'paidInCashCount' | 'paidInCash' | 'topUpCount' | 'topUps' | 'topUpReversalCount' | 'topUpsReversed'>;

/**
 * The till's cash from the period: ¥0.00 when no cash changed hands in it (no sale paid in cash, no top-up, no
 * reversal), said all the same. The screens once left the line out then, and an owner closing a card-only day looked
 * for the figure to count the drawer against on the X, the close and the Z, and found none (owner review).
 */
export function tillCash(f: CashFigures): Money {
	const counts = [f.paidInCashCount, f.topUpCount ?? 0, f.topUpReversalCount ?? 0];
	if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Error(`cash counts out of range: ${counts.join(', ')}`);
	const currency = f.paidInCash.currency;
	const parts = [f.paidInCash, f.topUps, f.topUpsReversed].filter((m): m is Money => m !== undefined);
	for (const m of parts) {
		if (!Number.isSafeInteger(m.amount) || m.amount < 0) throw new Error(`cash figure out of range: ${m.amount}`);
		if (m.currency !== currency) throw new Error(`cash figures in ${currency} and ${m.currency}`);
	}
	const amount = f.paidInCash.amount + (f.topUps?.amount ?? 0) - (f.topUpsReversed?.amount ?? 0);
	if (!Number.isSafeInteger(amount)) throw new Error(`till cash out of range: ${amount}`);
	return { amount, currency };
}
