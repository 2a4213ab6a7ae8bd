/**
 * Whether the counter's "Declined after sending" list is on screen. The news of the queue under the bar
 * (QueueSentNotice) then leaves the declined sales to the list right under it, which names each with what to do:
 * said twice, the two took the height of the counter's keypad on a landscape tablet in an outage. The list says it
 * is there; the notice reads it. Handed down by the cashier's layout by context, not a module singleton.
 */
import { getContext, setContext } from 'svelte';

export class DeclinedOnScreen {
	/** Lists on screen now: a count, so that one going while another comes does not hide the other. */
	#shown = $state(0);

	get shown(): boolean {
		return this.#shown > 0;
	}

	/** Called as a list with entries appears; the function it returns is called as it goes. */
	show(): () => void {
		this.#shown++;
		let gone = false;
		return () => {
			if (gone) return;
			gone = true;
			this.#shown--;
		};
	}
}

const KEY = Symbol('declined-on-screen');
export const setDeclinedOnScreen = (d: DeclinedOnScreen) => setContext(KEY, d);
/** Undefined outside the cashier's layout: the notice then always says the whole of its news. */
export const getDeclinedOnScreen = () => getContext<DeclinedOnScreen | undefined>(KEY);
