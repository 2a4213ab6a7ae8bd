import { enCashier } from '$lib/i18n/en-cashier';
import { addCashierWords, langOnScreen, loadCashierDictionary } from '$lib/i18n/i18n.svelte';

/**
 * The cashier's screens bring their own words (en-cashier.ts): the English are imported here, so they come with this
 * layout's chunk (the counter needs no fetch for them, offline from a cold start too) and never with the customer's
 * phone's first load; the Chinese (zh-cashier.ts) are fetched before the screens render when Chinese is on screen.
 * Should that fetch fail, the words show in English; the service worker precaches the chunk, so a tablet that has
 * opened the app once has it offline.
 */
export async function load() {
	addCashierWords(enCashier);
	await loadCashierDictionary(langOnScreen()).catch(() => undefined);
	return {};
}
