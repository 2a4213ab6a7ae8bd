/**
 * English words of the counter's top-up (routes/cashier/TopUpCounter.svelte) alone: imported by it, so they come in
 * its chunk, loaded when "Top up a wallet" is first tapped, and the counter's first load carries none of them (some
 * 0.7 KB). It hands them to the cashier's words (addCashierWords) as its module loads, before it renders. Their
 * Chinese are in zh-cashier.ts, fetched with the rest of the cashier's Chinese. The button that opens the top-up and
 * its offline line are on the counter itself, so they stay in en-cashier.ts.
 */
export const enTopUp = {
	'counterTopUp.title': 'Top up a customer’s wallet',
	'counterTopUp.lead': 'Take the cash, key the amount, then take the customer’s payment code. Top-ups are never queued offline.',
	'counterTopUp.back': 'Back to sales',
	'counterTopUp.check': 'Top up {amount}',
	'counterTopUp.checkNoAmount': 'Top up',
	/** Beside the amount on the camera's scan screen, where a sale's says "Charging". */
	'counterTopUp.cameraAmount': 'Top-up',
	'counterTopUp.confirmTitle': 'Check with the customer',
	'counterTopUp.confirm': 'Add {amount} to {handle}’s wallet — cash received',
	'counterTopUp.confirmButton': 'Cash received: add {amount}',
	'counterTopUp.cancel': 'Cancel',
	'counterTopUp.done': '{amount} added to {handle}’s wallet.',
	'counterTopUp.doneTitle': 'Money added',
	'counterTopUp.another': 'Another top-up',
	'counterTopUp.finish': 'Done',
	/** After a top-up opened from a "Balance too low" decline: the sale kept on the counter, charged to the code just read. */
	'counterTopUp.chargeSale': 'Charge {amount} to {handle}',
	'counterTopUp.saleWaiting': 'The {amount} sale is waiting. The code just scanned pays it: no new scan needed.',
	'counterTopUp.notAdded': 'Nothing was added',
	'counterTopUp.codeUnknown': 'No customer shows this code. Check the digits, or ask for the code on their phone now.',
	'counterTopUp.codeExpired': 'This code was put away, replaced or expired on the customer’s phone. Ask the customer to show a payment code now.',
	'counterTopUp.codeUsed': 'This code was used for a payment. Ask the customer for the code their phone shows now.',
	'counterTopUp.amountRange': 'A top-up is {min} to {max}.',
	'counterTopUp.offline': 'Top-ups need a connection: nothing was added. Try again once the tablet is back online.',
	'counterTopUp.noAnswer': 'The server did not answer: the money may have been added. Confirm again: it is added only once.',
	'counterTopUp.inProgress': 'The last tap is still being added. Wait a moment, then confirm again: it is added only once.',
	'counterTopUp.rateLimited': 'Too many unknown codes were tried. Wait a few minutes, then try again.',
	'counterTopUp.refused': 'The top-up was refused ({code}).',
	/** On a phone the lead is folded behind this button, for the keypad and the code to be on screen. */
	'counterTopUp.how': 'How it works',
	'counterTopUp.heldText': 'Scanned while this top-up was being finished. It is kept: for another top-up, or for the sale when you go back to sales.',
} as const;

export type TopUpKey = keyof typeof enTopUp;
