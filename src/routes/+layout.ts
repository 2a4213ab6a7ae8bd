import { I18n, loadDictionary } from '$lib/i18n/i18n.svelte';

// The app is client-rendered: the Hono server serves build/ and falls back to build/200.html for
// every path, and all data comes from the API at run time (nothing to prerender or render on a server).
export const ssr = false;
export const prerender = false;

/**
 * The reader's language is on screen from the first paint: its dictionary (Chinese is a chunk of
 * its own) is fetched before the layout renders. Should it fail, the app opens in English.
 */
export async function load() {
	await loadDictionary(I18n.preferredLang()).catch(() => undefined);
	return {};
}
