/**
 * "Closed 19:37 by owner": the API names the closer by cashier id only, so the handle is shown when
 * it is the signed-in manager, and otherwise just the time (an opaque id means nothing on paper).
 */
import type { ZReport } from '$lib/api/reports';
import type { CashierSession } from '$lib/api/types';
import type { I18n } from '$lib/i18n/i18n.svelte';

export function closedLine(i18n: I18n, report: ZReport, session: CashierSession | null): string {
	const time = i18n.dateTime(report.closedAt);
	return session && report.closedBy === session.cashierId
		? i18n.t('close.closedAt', { time, who: session.handle })
		: i18n.t('close.closedAtOnly', { time });
}
