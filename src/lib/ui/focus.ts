/**
 * An attachment (`<div {@attach focusFirstButton}>`) that focuses the first button inside the
 * element when it appears: on the counter's outcome screens the usual next step (next sale, scan a
 * new code) is then one Enter away.
 */
export function focusFirstButton(node: HTMLElement): void {
	node.querySelector('button')?.focus();
}
