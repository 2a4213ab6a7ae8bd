/**
 * English words of the day's top-up list (routes/cashier/payments/TopUpsOfDay.svelte) alone: imported by it, so they
 * come in its chunk, loaded when Today's top-up line is first tapped, as the counter's top-up words come with it
 * (en-topup.ts). Their Chinese are in zh-cashier.ts, fetched with the rest of the cashier's Chinese.
 */
export const enTopUpsToday = {
	'topUpsToday.title': 'Top-ups at the counter',
	'topUpsToday.day': '{day}: cash put on customers’ wallets at this shop.',
	'topUpsToday.none': 'No top-ups taken at the counter this day.',
	// The day's reversals of earlier days' top-ups (GET /topups's earlierReversed): the cash Today's line says was
	// paid back that day for top-ups on no row of this day's.
	'topUpsToday.earlierTitle': 'Taken on an earlier day, reversed this day',
	'topUpsToday.loading': 'Reading the top-ups…',
	'topUpsToday.loadFailed': 'The top-ups could not be read.',
	'topUpsToday.retry': 'Try again',
	'topUpsToday.more': 'Show older top-ups',
	'topUpsToday.close': 'Close',
	'topUpsToday.line': '{handle} · {time} · taken by {cashier}',
	'topUpsToday.reversed': 'Reversed {time} by {manager}',
	'topUpsToday.reverse': 'Reverse',
	'topUpsToday.reverseLabel': 'Reverse the top-up of {amount} for {handle}',
	'topUpsToday.managersOnly': 'Keyed wrong? A manager can reverse a top-up while the wallet still holds it.',
	'topUpsToday.confirmTitle': 'Reverse this top-up?',
	'topUpsToday.confirm': 'Take {amount} back off {handle}’s wallet — give the cash back / it was never taken',
	'topUpsToday.confirmButton': 'Take {amount} back',
	'topUpsToday.cancel': 'Cancel',
	'topUpsToday.sending': 'Taking {amount} back…',
	'topUpsToday.done': '{amount} taken back off {handle}’s wallet.',
	'topUpsToday.spent': '{handle}’s wallet holds only {balance}: the customer has spent some of the {amount}. Nothing was taken back.',
	'topUpsToday.alreadyReversed': 'This top-up was reversed already.',
	'topUpsToday.notManager': 'Only a manager can reverse a top-up.',
	'topUpsToday.noAnswer': 'The server did not answer: it may have been taken back. Try again: it is taken back only once.',
	'topUpsToday.inProgress': 'The last tap is still being sent. Wait a moment, then try again: it is taken back only once.',
	'topUpsToday.refused': 'The reversal was refused ({code}).'
} as const;

export type TopUpsTodayKey = keyof typeof enTopUpsToday;
