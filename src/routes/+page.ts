import { redirect } from '@sveltejs/kit';
import { signedInSide } from '$lib/session/signed-in-side';

/**
 * "/" is where the installed app opens (the manifest's start_url): a device signed in to one side goes on to it, so
 * a customer at the counter is not asked "paying or cashier?" at every launch. Run in the browser before the page
 * renders (ssr is off), so the chooser does not flash by; the redirect replaces "/" in the history, so Back leaves
 * the app instead of landing on the chooser, which would send it on again.
 */
export function load() {
	let storage: Storage | null = null;
	try {
		storage = localStorage;
	} catch {
		// Storage blocked: nobody is remembered here, so ask.
	}
	const side = signedInSide(storage);
	if (side) redirect(307, `/${side}`);
	return {};
}
