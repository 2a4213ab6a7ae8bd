/**
 * A sale being entered at the counter (the amount keyed, the customer's code taken) when the cashier opens another
 * cashier page (Today, to look up a payment): kept here, and put back when the counter opens again. It used to be
 * gone, and the cashier keyed it and asked for the code again. In memory only, and dropped at sign-out: it is this
 * cashier's sale. Made by the cashier layout, handed down by context, as the scan handoff is.
 */
import { getContext, setContext } from 'svelte';
import type { CounterDraft as Draft } from './counter.svelte';

export class CounterDraftKeeper {
	#draft: Draft | null = null;

	keep(draft: Draft | null): void {
		this.#draft = draft;
	}

	/** The kept sale, once: a second call answers null. */
	take(): Draft | null {
		const draft = this.#draft;
		this.#draft = null;
		return draft;
	}
}

const KEY = Symbol('counter-draft');
export const setCounterDraft = (k: CounterDraftKeeper) => setContext(KEY, k);
export const getCounterDraft = () => getContext<CounterDraftKeeper | undefined>(KEY);
