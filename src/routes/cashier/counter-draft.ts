/**
 * A sale being entered at the counter (the amount keyed, the customer's code taken) when the cashier opens another
 * cashier page (Today, to look up a payment): kept here, and put back when the counter opens again. It used to be
 * gone, and the cashier keyed it and asked for the code again. In memory only, and dropped at sign-out: it is this
 * cashier's sale. Made by the cashier layout, handed down by context, as the scan handoff is.
 *
 * Kept for a look-up, not for good: two minutes (the server's time for a sale at the counter) after the customer's
 * code was taken, or after the cashier left the counter, the sale is dropped. By then the customer may have paid
 * otherwise and gone, and the next customer's code scanned onto a silently restored amount would be charged it.
 */
import { getContext, setContext } from 'svelte';
import type { CounterDraft as Draft } from './counter.svelte';

/** How long a sale is kept away from the counter, and how old its customer's code may be when it comes back. */
export const KEPT_SALE_MS = 2 * 60_000;

export class CounterDraftKeeper {
	#draft: Draft | null = null;
	#keptAtMs = 0;
	readonly #now: () => number;

	/** `now`: the clock codes are stamped with (the server's, as the counter's `serverNow`); a test gives its own. */
	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	keep(draft: Draft | null): void {
		this.#draft = draft;
		this.#keptAtMs = this.#now();
	}

	/** The kept sale, once (a second call answers null); none after KEPT_SALE_MS, and no code taken longer ago. */
	take(): Draft | null {
		const draft = this.#draft;
		this.#draft = null;
		const now = this.#now();
		if (!draft || now - this.#keptAtMs > KEPT_SALE_MS) return null;
		const fresh = (code: Draft['pending']) => (code && now - code.scannedAt.getTime() <= KEPT_SALE_MS ? code : null);
		// A sale whose code has aged out is dropped whole: its amount alone would be charged to the next code scanned.
		if (draft.pending && !fresh(draft.pending)) return null;
		return { ...draft, held: fresh(draft.held) };
	}
}

const KEY = Symbol('counter-draft');
export const setCounterDraft = (k: CounterDraftKeeper) => setContext(KEY, k);
export const getCounterDraft = () => getContext<CounterDraftKeeper | undefined>(KEY);
