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
