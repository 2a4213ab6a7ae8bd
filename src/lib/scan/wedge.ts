/**
 * Keyboard-wedge scanners (USB or Bluetooth handhelds) "type" what they read: the 18 digits and
 * Enter, a few milliseconds apart, into whatever has focus. We listen on the whole page, so the
 * cashier never has to click into a field first: a run of 18 digits ended by Enter, without a
 * long pause, is a scan (the amount never has more than 9 digits).
 *
 * When the user types in a form field we stay out of the way: the field gets the keys.
 */

/**
 * A pause longer than this ends a run of keys. Scanners send a key every 1–30 ms, but a busy
 * tablet can hold key events back by a few hundred ms, and a missed scan at the counter costs
 * more than a rare false one: nobody types 18 digits and Enter outside a field by accident, and
 * a code that isn't live is simply declined.
 */
export const WEDGE_MAX_GAP_MS = 1_000;

/** Pure detector: feed it keys with their time, it answers the code when one is complete. */
export class WedgeDetector {
	#digits = '';
	#lastMs = -Infinity;

	constructor(
		private readonly length = 18,
		private readonly maxGapMs = WEDGE_MAX_GAP_MS
	) {}

	/**
	 * Returns the code when `key` is the Enter that ends a run of at least `length` digits: the
	 * last `length` of them (a cashier may have typed part of an amount just before scanning).
	 */
	feed(key: string, timeMs: number): string | null {
		const gap = timeMs - this.#lastMs;
		this.#lastMs = timeMs;
		if (gap > this.maxGapMs) this.#digits = '';
		if (/^\d$/.test(key)) {
			this.#digits = (this.#digits + key).slice(-this.length);
			return null;
		}
		if (key === 'Enter' || key === 'Tab') {
			const run = this.#digits;
			this.#digits = '';
			return run.length === this.length ? run : null;
		}
		if (key !== 'Shift') this.#digits = ''; // some scanners press Shift; anything else breaks the run
		return null;
	}

	reset(): void {
		this.#digits = '';
	}
}

/** True when keys typed now belong to a form field, not to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	const tag = target.tagName;
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag !== 'INPUT') return false;
	const type = (target as HTMLInputElement).type;
	return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
}

/**
 * Listens on the whole window (capture phase, so it sees keys before a focused button would act
 * on Enter) and calls `onCode` for each scan. The Enter that ends a scan is swallowed. Returns a
 * function that stops listening.
 */
export function listenForWedge(target: Window, onCode: (code: string) => void): () => void {
	const detector = new WedgeDetector();
	const onKeyDown = (e: KeyboardEvent) => {
		if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) {
			detector.reset();
			return;
		}
		const code = detector.feed(e.key, e.timeStamp);
		if (code) {
			e.preventDefault();
			e.stopPropagation();
			onCode(code);
		}
	};
	target.addEventListener('keydown', onKeyDown, true);
	return () => target.removeEventListener('keydown', onKeyDown, true);
}
