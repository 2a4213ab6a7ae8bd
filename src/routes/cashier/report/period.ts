/** What a close would freeze: the figures since the last close, read as one question. */
import type { ReportFigures } from '$lib/api/reports';

/**
 * Nothing happened since the last close: no payment taken or declined, none refunded, none paid in cash. A Z
 * report of such a period is all zeros, most often a second tap on "Close the day" right after the first.
 */
export function isEmptyPeriod(f: Pick<ReportFigures, 'count' | 'declinedCount' | 'refundCount' | 'paidInCashCount'>): boolean {
	return f.count === 0 && f.declinedCount === 0 && f.refundCount === 0 && f.paidInCashCount === 0;
}
