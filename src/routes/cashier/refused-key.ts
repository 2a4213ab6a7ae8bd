/** Long enough to be seen from the corner of an eye, short enough not to hold up the next key. */
export const REFUSED_KEY_FEEDBACK_MS = 300;

/**
 * A key the amount refused (past ¥1,000,000.00, a third decimal) shakes the amount's box briefly, so the cashier
 * sees the key was heard and refused; with reduced motion asked for, its border flashes instead. The sale's counter
 * and the top-up's both (AmountPad.svelte's display).
 */
export function shakeRefused(display: HTMLElement | null): void {
	const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	const frames = reduced
		? [{ borderColor: 'var(--color-danger)' }, { borderColor: 'var(--color-border)' }]
		: [0, -6, 6, -4, 4, 0].map((x) => ({ transform: `translateX(${x}px)` }));
	display?.animate(frames, { duration: REFUSED_KEY_FEEDBACK_MS, easing: 'ease-out' });
}
