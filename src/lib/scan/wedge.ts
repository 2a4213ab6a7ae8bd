/**
 * Keyboard-wedge scanners (USB or Bluetooth handhelds) "type" what they read: the 18 digits and
 * Enter, a few milliseconds apart, into whatever has focus. We listen on the whole page, so the
 * cashier never has to click into a field first: a run of 18 digits ended by Enter, without a
 * long pause, is a scan (the amount never has more than 9 digits).
 *
 * When the user types in a form field the field gets the keys, unless they come at a scanner's pace:
 * the next customer scanning while the cashier writes a cash note must not turn the note into their
 * code and send it (Enter submits the form), nor lose the code.
 */
import { PAYCODE_DIGITS } from './code';

/**
 * A pause longer than this ends a run of keys. Scanners send a key every 1–30 ms, but a busy
 * tablet can hold key events back by a few hundred ms, and a missed scan at the counter costs
 * more than a rare false one: nobody types 18 digits and Enter outside a field by accident, and
 * a code that isn't live is simply declined.
 */
export const WEDGE_MAX_GAP_MS = 1_000;

/**
 * Scanners send a key every 1–30 ms; a person's keys, even a fast typist's, come 60 ms or more apart
 * (a held key repeats at about 33 ms, but its events say `repeat`). In a form field only keys this
 * close make a scan: there a false one would take a person's typing away.
 */
export const SCANNER_KEY_GAP_MS = 50;

/** Pure detector: feed it keys with their time, it answers the code when one is complete. */
export class WedgeDetector {
	#digits = '';
	#lastMs = -Infinity;

	constructor(
		private readonly length = PAYCODE_DIGITS,
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

	/** Digits in the run so far (at most `length`): 1 means the last key began a run. */
	get runLength(): number {
		return this.#digits.length;
	}

	reset(): void {
		this.#digits = '';
	}
}

/**
 * Fields that read a code themselves (the counter's "Or type the code", a declined sale's "Fresh code"): a scan's
 * keys belong there, and they are marked `data-takes-scans`.
 */
function takesScans(field: HTMLElement): boolean {
	return field.dataset.takesScans !== undefined;
}

/** A text field as it was before a run of keys began, to put back when the run proves to be a scan. */
interface FieldBefore {
	field: HTMLInputElement | HTMLTextAreaElement;
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
}

function snapshot(target: EventTarget | null): FieldBefore | null {
	if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return null;
	return { field: target, value: target.value, selectionStart: target.selectionStart, selectionEnd: target.selectionEnd };
}

/** Takes a scan's digits back out of the field, telling its bindings (Svelte's bind:value listens for input). */
function restore(before: FieldBefore): void {
	const { field } = before;
	if (field.value === before.value) return;
	field.value = before.value;
	try {
		if (before.selectionStart !== null) field.setSelectionRange(before.selectionStart, before.selectionEnd);
	} catch {
		// a field type without a caret: the value is what matters
	}
	field.dispatchEvent(new Event('input', { bubbles: true }));
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
 * on Enter, or a form on it) and calls `onCode` for each scan. The Enter that ends a scan is
 * swallowed; a scan typed into a text field is taken back out of it, and `inField` says so (its keys never
 * reached the page's own key handlers). Returns a function that stops listening.
 */
export function listenForWedge(target: Window, onCode: (code: string, scan: { inField: boolean }) => void): () => void {
	const detector = new WedgeDetector();
	const inField = new WedgeDetector(PAYCODE_DIGITS, SCANNER_KEY_GAP_MS);
	let fieldBefore: FieldBefore | null = null;
	const onKeyDown = (e: KeyboardEvent) => {
		const typing = isTypingTarget(e.target);
		if (e.ctrlKey || e.altKey || e.metaKey || (typing && (e.repeat || takesScans(e.target as HTMLElement)))) {
			detector.reset();
			inField.reset();
			return;
		}
		const code = typing ? inField.feed(e.key, e.timeStamp) : detector.feed(e.key, e.timeStamp);
		if (typing) {
			detector.reset();
			// Keydown comes before the key's character reaches the field: this is the field before the run.
			if (inField.runLength === 1) fieldBefore = snapshot(e.target);
		} else inField.reset();
		if (code) {
			e.preventDefault();
			e.stopPropagation();
			if (typing && fieldBefore?.field === e.target) restore(fieldBefore);
			fieldBefore = null;
			onCode(code, { inField: typing });
		}
	};
	target.addEventListener('keydown', onKeyDown, true);
	return () => target.removeEventListener('keydown', onKeyDown, true);
}
