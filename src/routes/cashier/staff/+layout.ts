import { langOnScreen, loadManageDictionary } from '$lib/i18n/i18n.svelte';

/**
 * The manager's screens bring their own words (en-manage.ts, zh-manage.ts), fetched before they render in the
 * language on screen (not the remembered one, which another tab may have changed since). Should the fetch fail, the
 * keys show where the words would be; the service worker precaches the chunk, so a tablet that has opened the app
 * once has it offline.
 */
export async function load() {
	await loadManageDictionary(langOnScreen()).catch(() => undefined);
	return {};
}
