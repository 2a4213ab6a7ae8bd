/**
 * The form of "Paid in cash / not paid" (DeclinedCashForm.svelte), in its own chunk: the counter's first load is at
 * its budget. Fetched once; a failed fetch is tried again at the next ask. The declined list (DeclinedList.svelte)
 * fetches it as it first shows, and each entry (DeclinedEntry.svelte) draws it from here when its form is opened.
 */
let cashForm: Promise<typeof import('./DeclinedCashForm.svelte').default> | null = null;

export function loadCashForm() {
	cashForm ??= import('./DeclinedCashForm.svelte').then(
		(m) => m.default,
		(error: unknown) => {
			cashForm = null;
			throw error;
		}
	);
	return cashForm;
}
