/** What a close would freeze: the figures since the last close, read as one question. */
import type { ReportFigures } from '$lib/api/reports';

/**
 * Nothing happened since the last close: no payment taken or declined, none refunded, none paid in cash, no top-up
 * taken or reversed at the counter, none noted as not paid. A Z report of such a period is all zeros, most often a second tap on "Close the
 * day" right after the first. A period of top-ups alone is not: the till holds their cash, and the close counts it
 * (it was called empty, and its confirmation showed no figures, so not the till's cash either).
 */
export function isEmptyPeriod(
	f: Pick<ReportFigures, 'count' | 'declinedCount' | 'refundCount' | 'paidInCashCount' | 'topUpCount' | 'topUpReversalCount' | 'notPaidCount'>
): boolean {
	return (
		f.count === 0 &&
		f.declinedCount === 0 &&
		f.refundCount === 0 &&
		f.paidInCashCount === 0 &&
		(f.topUpCount ?? 0) === 0 &&
		(f.topUpReversalCount ?? 0) === 0 &&
		(f.notPaidCount ?? 0) === 0
	);
}
