import { langOnScreen, loadManageDictionary } from '$lib/i18n/i18n.svelte';

/**
 * The Day report and the X and Z reports bring their words with the manager's screens' (en-manage.ts): some 90
 * sentences the customer's phone and the counter never show, kept out of their first load. Fetched before the
 * report renders, in the language on screen, as the manager's layouts do (cashier/manage/+layout.ts says why).
 */
export async function load() {
	await loadManageDictionary(langOnScreen()).catch(() => undefined);
	return {};
}
