/**
 * Keyboard-wedge scanners (USB or Bluetooth handhelds) "type" what they read: the 18 digits and
 * Enter, a few milliseconds apart, into whatever has focus. We listen on the whole page, so the
 * cashier never has to click into a field first, and tell a scan from a person by its speed.
 *
 * When the user types in a form field we stay out of the way: the field gets the keys.
 */

/**
 * Keys of one scan arrive closer together than this. Scanners send a key every 1–30 ms (Bluetooth
 * ones are the slow end, with the odd radio hiccup), and a busy tablet can delay key events by
 * a good 150 ms. The gap only has to separate runs: a person who types exactly 18 digits and
 * Enter with no field focused is entering a code too.
 */
export const WEDGE_MAX_GAP_MS = 300;

/** Pure detector: feed it keys with their time, it answers the code when one is complete. */
export class WedgeDetector {
	#digits = '';
	#lastMs = -Infinity;

	constructor(
		private readonly length = 18,
		private readonly maxGapMs = WEDGE_MAX_GAP_MS
	) {}

	/** Returns the code when `key` is the Enter that ends a fast run of exactly `length` digits. */
	feed(key: string, timeMs: number): string | null {
		const gap = timeMs - this.#lastMs;
		this.#lastMs = timeMs;
		if (gap > this.maxGapMs) this.#digits = '';
		if (/^\d$/.test(key)) {
			this.#digits += key;
			// Keep only what could still be a code; longer runs are not one.
			if (this.#digits.length > this.length) this.#digits = this.#digits.slice(-this.length - 1);
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
