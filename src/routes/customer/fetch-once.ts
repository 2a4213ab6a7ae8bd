/**
 * A part of the customer's screen left out of its first load (the code's drawers, the top-up and PIN dialogs), fetched
 * once: every call shares the first fetch, and one that failed (offline on a first visit) is tried again by the next.
 */
export function fetchOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | null = null;
	return () =>
		(loading ??= load().catch((err: unknown) => {
			loading = null;
			throw err;
		}));
}
