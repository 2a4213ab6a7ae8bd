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

	/** The next list to appear opens, folded or not (see `askToOpen`). Not state: read once, as a list is set up. */
	#openAsked = false;

	/**
	 * The counter put a sale's outcome away to show the list, a link to it followed ("See the declined sale"): the list
	 * it draws in the outcome's place opens as it appears, as a list already there opens (DeclinedList.svelte).
	 */
	askToOpen(): void {
		this.#openAsked = true;
	}

	/** Whether a list appearing now was asked to open: true once after `askToOpen`. */
	takeOpenAsk(): boolean {
		const asked = this.#openAsked;
		this.#openAsked = false;
		return asked;
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

/** The list's heading's id, which the links to it from elsewhere name. */
export const DECLINED_LIST_ID = 'declined-after-sync';
/**
 * Where the sales declined when sent wait for the cashier: the counter's "Declined after sending". A folded list opens
 * when the counter is reached by this address (DeclinedList.svelte), so the links there lead to the sales themselves.
 */
export const DECLINED_LIST_HREF = `/cashier#${DECLINED_LIST_ID}`;

const KEY = Symbol('declined-on-screen');
export const setDeclinedOnScreen = (d: DeclinedOnScreen) => setContext(KEY, d);
/** Undefined outside the cashier's layout: the notice then always says the whole of its news. */
export const getDeclinedOnScreen = () => getContext<DeclinedOnScreen | undefined>(KEY);
