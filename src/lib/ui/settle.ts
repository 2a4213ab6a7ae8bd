/**
 * Taps aimed before the screen moved are not taken where they land.
 *
 * The counter's keypad moves when something comes above it unasked: the offline banner as the network drops, the news
 * of queued sales sent, the sales declined after a sync. A cashier's finger already on its way to 5 then lands on 2
 * (the top row moved 67 px at 1024x768 as the banner came), and the sale is keyed wrong, or worse, a tap meant for a
 * key lands on Charge. For a moment after such a move the counter's buttons take no tap (`data-settling`, styled in
 * CounterColumns.svelte): a tap then was aimed at where a button was, not where it is. The keys dim for that moment,
 * so a cashier whose tap did nothing sees why. The outcome screens' buttons likewise (OutcomePanel.svelte): on a
 * declined sale, Scan a new code came down to where Paid in cash had been.
 */

/**
 * Where an element's top left corner is in the page (not the window: the page's own scrolling moves nothing under a
 * finger's aim). Only the corner: on a tablet the counter's bottom stays at the screen's edge, so what comes above it
 * moves its top (and its keys, stretched into what is left); on a phone it is pushed down whole. Its size alone says
 * nothing: a phone's counter grows under the keypad as the first digit keyed brings "Now scan the customer's code",
 * and the next digit's tap, a moment later, must be taken.
 */
export interface PagePlace {
	top: number;
	left: number;
}

/**
 * How long a move holds taps back. A tap within it was aimed before the move: a finger's way to a key takes some
 * 300-500 ms, and seeing the screen move and aiming again takes longer than this.
 */
export const SETTLE_MS = 600;

/** Less than this, in CSS pixels, is no move: a finger's aim is far coarser, and rounding makes such differences. */
const STILL_PX = 2;

/** Whether an element moved enough for a tap aimed before to land elsewhere. */
export function movedUnderAim(before: PagePlace, after: PagePlace): boolean {
	return Math.abs(before.top - after.top) > STILL_PX || Math.abs(before.left - after.left) > STILL_PX;
}

function pagePlace(node: Element): PagePlace {
	const r = node.getBoundingClientRect();
	return { top: r.top + window.scrollY, left: r.left + window.scrollX };
}

/**
 * An attachment (`<div {@attach settlesAfterMoves}>`): the element says `data-settling` for `SETTLE_MS` after it
 * moves in the page. Where it first appears is no move: it came with the user's own step (Next customer), and the
 * taps after that are aimed at it.
 *
 * A move is looked for when it may have happened: at a change of the element's own size (a tablet's counter fills what
 * the banner leaves, so it shrinks), or of the page's (a phone's counter keeps its size and is pushed down as the page
 * grows).
 */
export function settlesAfterMoves(node: HTMLElement) {
	let last = pagePlace(node);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const check = () => {
		const now = pagePlace(node);
		if (!movedUnderAim(last, now)) return;
		last = now;
		node.dataset.settling = '';
		clearTimeout(timer);
		timer = setTimeout(() => delete node.dataset.settling, SETTLE_MS);
	};
	const sizes = new ResizeObserver(check);
	sizes.observe(node);
	sizes.observe(document.body);
	return () => {
		sizes.disconnect();
		clearTimeout(timer);
		delete node.dataset.settling;
	};
}
