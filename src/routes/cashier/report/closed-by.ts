/**
 * "Closed 19:37 by owner": the API names the closer by cashier id only, so the handle is shown when
 * it is the signed-in manager, and otherwise just the time (an opaque id means nothing on paper).
 */
import type { ZReport } from '$lib/api/reports';
import type { CashierSession } from '$lib/api/types';
import type { I18n } from '$lib/i18n/i18n.svelte';

/**
 * A header line written as `text`, then a space and `keep`, the part that moves to the next line whole rather than
 * break inside it (KeptLineText.svelte): who closed the report, with the close ("by owner", "由 owner 日结"). On a
 * 360 px phone the line broke inside it, and left "日结" alone under "… 21:44 由 owner".
 */
export interface KeptLine {
	text: string;
	keep: string;
}

/**
 * The line under a Z report's heading. With the closer named it is two sentences' parts, one key each, so the part
 * kept together is whole in every language: `close.closedAt` up to the time ("Closed 21:44", "21:44"), then
 * `close.closedBy` ("by owner", "由 owner 日结"), which a language writes after the time.
 */
export function closedLine(i18n: I18n, report: ZReport, session: CashierSession | null): string | KeptLine {
	const time = i18n.dateTime(report.closedAt);
	if (!session || report.closedBy !== session.cashierId) return i18n.t('close.closedAtOnly', { time });
	return { text: i18n.t('close.closedAt', { time }), keep: i18n.t('close.closedBy', { who: session.handle }) };
}
