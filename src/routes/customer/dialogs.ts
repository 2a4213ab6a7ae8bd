/**
 * The top-up and PIN dialogs are not in the customer's first load (README: a budget of 80 KB gzipped; the top-up
 * dialog with its choices is ~2 KB of it): they are fetched when the wallet opens (preloadDialogs), so a tap opens
 * them at once, and the service worker precaches them for the installed app.
 */

type Loader<T> = () => Promise<{ default: T }>;

/** A module fetched once, and again on the next call if the fetch failed. */
function once<T>(load: Loader<T>): () => Promise<T> {
	let loading: Promise<T> | null = null;
	return () =>
		(loading ??= load().then(
			(m) => m.default,
			(err: unknown) => {
				loading = null;
				throw err;
			}
		));
}

export const loadTopUp = once(() => import('./TopUp.svelte'));
export const loadChangePin = once(() => import('./ChangePin.svelte'));

/** Starts both fetches early; a failure here is met again, and said, when the customer taps. */
export function preloadDialogs(): void {
	loadTopUp().catch(() => undefined);
	loadChangePin().catch(() => undefined);
}

