/**
 * English words of "Not paid — customer left": the declined list's "Paid in cash / not paid" form's
 * (lib/offline/DeclinedCashForm.svelte), and Today's mark and detail of such a sale (routes/cashier/payments), with a
 * manager's "Take back" there. Imported
 * by those alone, so they come in the form's chunk, fetched as the declined list first shows, and with Today, and the
 * counter's first load (at its budget) carries none of them, as the counter top-up's come with it (en-topup.ts).
 * Their Chinese are in zh-cashier.ts, fetched with the rest of the cashier's Chinese. The row's button that opens the
 * form is on the counter itself, so its words stay in en-cashier.ts.
 */
export const enNotPaid = {
	'offline.notPaid': 'Not paid — customer left',
	'offline.notPaidDone': 'Not paid: {amount} taken off the list. The reports count it as not paid, not as cash.',
	'offline.notPaidOffline': 'No network: a sale not paid is noted on the server, for the shop’s reports. It stays on the list; try again once the network is back.',
	'offline.notPaidRefused': 'The server did not record it as not paid ({code}). Try again, or tell the shop owner.',
	'offline.endedElsewhereCash': 'Already noted as paid in cash on another screen: taken off the list.',
	'offline.endedElsewhereNotPaid': 'Already noted as not paid (the customer left) on another screen: taken off the list.',
	// Today's: the mark on the declined sale's line, and its detail (who noted it, when, the note).
	'payments.notPaid': 'Not paid: customer left',
	'payment.notPaid': 'Not paid, the customer left: noted {time} by {cashier}. Not in the till.',
	'payment.notPaidNote': 'Not paid, the customer left: noted {time} by {cashier}: “{note}”. Not in the till.',
	// A manager's, on that detail: the note taken back (the customer came back and paid, or it was a mistake).
	'payment.takeBackNotPaid': 'Take back “not paid”',
	'payment.takeBackTitle': 'Take back “not paid”?',
	'payment.takeBackText': 'For when the customer came back and paid, or it was tapped by mistake: {amount} is no longer counted as not paid, and the sale can be noted as paid in cash.',
	'payment.takeBackConfirm': 'Take it back',
	'payment.takeBackClosed': 'A closed Z report already counts it as not paid: it can no longer be taken back.',
	'payment.takeBackRefused': 'The server did not take it back ({code}). Try again, or tell the shop owner.',
	'payment.takeBackOffline': 'No network: nothing was changed. Try again once the network is back.',
	// In place of Take back once a Z report counts it: the printed Z stands as it was.
	'payment.notPaidClosed': 'Counted in Z report {z}: it can no longer be taken back.',
	// Under the sale's state, a line for each "not paid" a manager took back: who wrote it off, when and why, and who
	// took it back when (times alone on the day looked at, with the date on another), for the owner reading the day.
	'payment.notPaidTakenBack': '“Not paid” noted {noted} by {cashier}, taken back {takenBack} by {manager}.',
	'payment.notPaidTakenBackNote': '“Not paid” noted {noted} by {cashier} (“{note}”), taken back {takenBack} by {manager}.',
} as const;

export type NotPaidKey = keyof typeof enNotPaid;
