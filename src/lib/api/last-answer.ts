/**
 * When this page last heard from the server: an answer to an API request (not a 5xx or a 408, which the outbox takes
 * as no answer: the API client says which), and any event or heartbeat of a live stream. The counter's offline banner says "Last contact with the server" from it as well as
 * from the outbox's own record (which only a payment's answer or a sync writes, and which outlives a reload): from
 * that alone, a tablet that had read Today or opened the counter since its last sale named the time of that sale,
 * minutes earlier than the server was last there, and a tablet that had sold nothing yet named no time at all.
 *
 * Plain module state with listeners, no Svelte reactivity: the API client that notes each answer is on every screen,
 * the customer's too, and only the counter's banner follows it (svelte/reactivity here cost the phone's first load
 * 1 KB gzipped, its whole margin under the budget).
 */
let at: number | null = null;
const listeners = new Set<() => void>();

/** Epoch ms of the last answer this page had, or null before the first. */
export function lastAnswerAt(): number | null {
	return at;
}

export function noteAnswer(now = Date.now()): void {
	at = now;
	for (const listener of listeners) listener();
}

/** Calls `listener` after each answer from now on; the returned function stops it. */
export function onAnswer(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** The later of an ISO time (the outbox's record) and this page's last answer, as an ISO time; null with neither. */
export function laterContact(recorded: string | null, heard: number | null): string | null {
	if (heard === null) return recorded;
	if (recorded === null || Date.parse(recorded) < heard) return new Date(heard).toISOString();
	return recorded;
}
