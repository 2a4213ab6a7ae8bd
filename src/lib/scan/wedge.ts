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
	/** When each digit of the run came, as `#digits` keeps them (its last `length`). */
	#times: number[] = [];
	#lastMs = -Infinity;
	#startedAtMs = -Infinity;

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
		if (gap > this.maxGapMs) this.reset();
		if (/^\d$/.test(key)) {
			this.#digits = (this.#digits + key).slice(-this.length);
			this.#times = [...this.#times, timeMs].slice(-this.length);
			return null;
		}
		if (key === 'Enter' || key === 'Tab') {
			const run = this.#digits;
			this.#startedAtMs = this.#times[0] ?? timeMs;
			this.reset();
			return run.length === this.length ? run : null;
		}
		if (key !== 'Shift') this.reset(); // some scanners press Shift; anything else breaks the run
		return null;
	}

	/** When the first digit of the code `feed` last answered came (its events' time stamp). */
	get startedAtMs(): number {
		return this.#startedAtMs;
	}

	/** Digits in the run so far (at most `length`): 1 means the last key began a run. */
	get runLength(): number {
		return this.#digits.length;
	}

	reset(): void {
		this.#digits = '';
		this.#times = [];
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

/**
 * A scan into a code field whose Enter is coming: the field holds the scan's code alone when its form takes it. Digits
 * already there (a code begun by hand, one refused as a digit short and left with the focus) went before the scan's,
 * and the form was sent them all: refused again ("exactly 18 digits"), the scan lost, the field to clear by hand.
 */
function takeScanAlone(field: HTMLInputElement | HTMLTextAreaElement, code: string): void {
	if (field.value === code) return;
	// Emptied first, as a cashier clearing it would: a code typed by hand counts as taken from its first keystroke
	// ($lib/scan/typed-start.ts), and the digits typed before the scan were not this code's.
	field.value = '';
	field.dispatchEvent(new Event('input', { bubbles: true }));
	field.value = code;
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

/** What the listener says of a scan besides its code. */
export interface WedgeScan {
	/** Some of its digits were typed into a text field (and taken back out of it): not all its keys reached the page. */
	inField: boolean;
	/**
	 * How many of the code's digits reached the page's own key handlers: all 18 for a scan with no field focused, none
	 * for one wholly in a field, some for a scan the focus moved into or out of a field part-way. (The counter undoes
	 * a scan's digits by `startedAtMs`, not by this count: not every digit that reached the page reached its amount.)
	 */
	pageDigits: number;
	/**
	 * The time stamp of its first digit's key event: a page that applied some of its keys (the counter's amount)
	 * undoes those that came from then on, and none from before, whichever of them it heard.
	 */
	startedAtMs: number;
}

/**
 * Listens on the whole window (capture phase, so it sees keys before a focused button would act
 * on Enter, or a form on it) and calls `onCode` for each scan. The Enter that ends a scan is
 * swallowed; a scan typed into a text field is taken back out of it, and `scan` says where its keys went.
 * Returns a function that stops listening.
 *
 * A run of keys at a scanner's pace goes on when the focus moves: the sign-in form gives its PIN field the focus as
 * sign-out completes, a dialog opens or closes, and a scan begun at that moment had its first digits on the page and
 * the rest in the field. Told apart, neither part was a code: the field's Enter submitted the sign-in form with 13
 * digits for a PIN ("Fill in every field"), and the code was lost. Only keys at a scanner's pace carry a run across
 * (a held key's repeats do not): a person's typing, on the page and then in a field, stays theirs.
 */
export function listenForWedge(target: Window, onCode: (code: string, scan: WedgeScan) => void): () => void {
	/** The page's keys, which may come as slowly as a busy tablet holds them back. */
	const detector = new WedgeDetector();
	/** Keys at a scanner's pace wherever they go: a scan typed into a field, or one the focus moved part-way. */
	const paced = new WedgeDetector(PAYCODE_DIGITS, SCANNER_KEY_GAP_MS);
	/** Where each digit of the paced run went (true: the page), its last PAYCODE_DIGITS as the detector keeps. */
	let onPage: boolean[] = [];
	/** The field the paced run's digits were typed into, as it was before them. */
	let fieldBefore: FieldBefore | null = null;
	/** Keys at a scanner's pace in a code field (which keeps a scan as typed): see `takeScanAlone`. */
	const inCodeField = new WedgeDetector(PAYCODE_DIGITS, SCANNER_KEY_GAP_MS);
	const onKeyDown = (e: KeyboardEvent) => {
		const typing = isTypingTarget(e.target);
		const codeField = typing && !e.repeat && !(e.ctrlKey || e.altKey || e.metaKey) && takesScans(e.target as HTMLElement);
		if (codeField) {
			const code = inCodeField.feed(e.key, e.timeStamp);
			if (code) takeScanAlone(e.target as HTMLInputElement, code);
		} else inCodeField.reset();
		if (e.ctrlKey || e.altKey || e.metaKey || (typing && (e.repeat || takesScans(e.target as HTMLElement)))) {
			detector.reset();
			paced.reset();
			return;
		}
		const pageCode = typing ? null : detector.feed(e.key, e.timeStamp);
		if (typing) detector.reset();
		let pacedCode: string | null = null;
		// A held key's repeats come some 33 ms apart, a scanner's pace: on the page they never begin a run that a field
		// would go on with.
		if (e.repeat) paced.reset();
		else {
			pacedCode = paced.feed(e.key, e.timeStamp);
			if (paced.runLength === 1) {
				onPage = [];
				fieldBefore = null;
			}
			if (/^\d$/.test(e.key)) {
				onPage = [...onPage, !typing].slice(-PAYCODE_DIGITS);
				// Keydown comes before the key's character reaches the field: this is the field before the run.
				if (typing && fieldBefore?.field !== e.target) fieldBefore = snapshot(e.target);
			}
		}
		const code = pageCode ?? pacedCode;
		if (!code) return;
		e.preventDefault();
		e.stopPropagation();
		// Read on the page alone (at any pace up to WEDGE_MAX_GAP_MS): every digit went there.
		const pageDigits = pageCode ? PAYCODE_DIGITS : onPage.filter(Boolean).length;
		const inField = pageDigits < PAYCODE_DIGITS;
		if (inField && fieldBefore) restore(fieldBefore);
		fieldBefore = null;
		onPage = [];
		onCode(code, { inField, pageDigits, startedAtMs: pageCode ? detector.startedAtMs : paced.startedAtMs });
	};
	target.addEventListener('keydown', onKeyDown, true);
	return () => target.removeEventListener('keydown', onKeyDown, true);
}
