/**
 * An attachment (`<div {@attach focusFirstButton}>`) that focuses the first button inside the
 * element when it appears: on the counter's outcome screens the usual next step (next sale, scan a
 * new code) is then one Enter away.
 */
export function focusFirstButton(node: HTMLElement): void {
	node.querySelector('button')?.focus();
}

/**
 * An attachment for a message said in answer to a tap (`<div {@attach () => { if (message) bringIntoView(…) }}>`):
 * scrolls it onto the screen, as little as it takes. On a phone the staff page's and the shop settings' messages sit at
 * the top while the button that was tapped is a screen or two below, and the owner saw the form clear and nothing said.
 * Where the message is on the screen already (a tablet) nothing moves.
 */
export function bringIntoView(node: HTMLElement): void {
	const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	node.scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
}

/** How long after a panel opens its growth (a list it loads) still scrolls it into view: later, the user may be reading. */
const REVEAL_WHILE_MS = 1_500;
/** What ends the following at once: the user is at work on the page, and it must not move under them. */
const USER_AT_WORK = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * An attachment for a panel opened under the row that opened it (Today's payment detail, where refunds are made):
 * scrolls the page down as little as it takes for the panel's bottom to show, but never so far that the row that
 * opened it (`anchor`) leaves the top. Opened on the lowest row in sight, the detail and its Refund came in below the
 * screen's edge and the page stayed put: the owner saw only the button turn to "Hide" and took it for broken. It
 * follows the panel's growth for a moment (its refunds load after it opens), until the user's next tap or key, and
 * only ever scrolls down.
 */
export function revealUnder(anchor: (panel: HTMLElement) => Element | null) {
	return (panel: HTMLElement) => {
		const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
		const reveal = () => {
			const below = panel.getBoundingClientRect().bottom + 16 - window.innerHeight;
			const room = (anchor(panel) ?? panel).getBoundingClientRect().top - 8;
			const by = Math.min(below, room);
			if (by > 0) window.scrollBy({ top: by, behavior: reduced ? 'auto' : 'smooth' });
		};
		// Observing calls it once at the start, then on each change of the panel's size.
		const growing = new ResizeObserver(reveal);
		growing.observe(panel);
		const stop = () => {
			clearTimeout(timer);
			growing.disconnect();
			for (const type of USER_AT_WORK) window.removeEventListener(type, stop, true);
		};
		const timer = setTimeout(stop, REVEAL_WHILE_MS);
		for (const type of USER_AT_WORK) window.addEventListener(type, stop, { capture: true, passive: true });
		return stop;
	};
}
