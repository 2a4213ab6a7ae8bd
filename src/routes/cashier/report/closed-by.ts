/**
 * "Closed 19:37 by owner": the API names the closer by cashier id only, so the handle is shown when
 * it is the signed-in manager, and otherwise just the time (an opaque id means nothing on paper).
 */
import type { ZReport } from '$lib/api/reports';
import type { CashierSession } from '$lib/api/types';
import type { I18n } from '$lib/i18n/i18n.svelte';

/**
 * A header line whose end is kept on one line (`keep`, after `text`): who closed it and the close ("by owner",
 * "由 owner 日结"). On a 360 px phone the line broke inside it, and left "日结" alone under "… 21:44 由 owner".
 */
export interface KeptLine {
	text: string;
	keep: string;
}

/** Stands for the time in the sentence, to find what follows it whatever the language's word order. */
const TIME = '\u0000';

export function closedLine(i18n: I18n, report: ZReport, session: CashierSession | null): KeptLine {
	const time = i18n.dateTime(report.closedAt);
	const line =
		session && report.closedBy === session.cashierId
			? i18n.t('close.closedAt', { time: TIME, who: session.handle })
			: i18n.t('close.closedAtOnly', { time: TIME });
	const at = line.indexOf(TIME);
	if (at < 0) return { text: line, keep: '' };
	const after = line.slice(at + TIME.length);
	// The space after the time stays a place the line may break at.
	const space = /^\s*/.exec(after)![0];
	return { text: line.slice(0, at) + time + space, keep: after.slice(space.length) };
}
