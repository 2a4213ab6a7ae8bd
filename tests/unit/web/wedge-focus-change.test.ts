/**
 * A handheld scan that begins while the focus is moving into a text field (the sign-in form focuses its PIN field as
 * sign-out completes; a dialog opens): its first digits reach the page, the rest the field. The run at a scanner's
 * pace goes on across the move, so the code is read whole and the digits that reached the field are taken back out;
 * before, the field's detector saw 13 digits and Enter, the Enter submitted the sign-in form with 13 digits for a PIN
 * ("Fill in every field"), and the code was lost. A person's keys, at a person's pace, stay theirs.
 *
 * The unit tests run in Node, with no DOM: listenForWedge is given a window that only records its listener, and the
 * few element classes it tells fields by. Each key is what the browser would do with it: the listener sees it first
 * (capture), then, unless it was prevented, a digit goes into the focused field and Enter submits the field's form.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenForWedge, SCANNER_KEY_GAP_MS, type WedgeScan } from '../../../src/lib/scan/wedge';

const CODE = '881234567890123456';

class FakeElement extends EventTarget {
	dataset: Record<string, string> = {};
	isContentEditable = false;
	constructor(readonly tagName: string) {
		super();
	}
}

class FakeInput extends FakeElement {
	value = '';
	type = 'text';
	selectionStart: number | null = 0;
	selectionEnd: number | null = 0;
	constructor() {
		super('INPUT');
	}
	setSelectionRange(start: number | null, end: number | null) {
		this.selectionStart = start;
		this.selectionEnd = end;
	}
}

class FakeTextArea extends FakeInput {}

/** A page with the wedge listening: keys go to whatever `focus` is, at the times given. */
function page() {
	let listener: ((e: KeyboardEvent) => void) | null = null;
	const win = {
		addEventListener: (_type: string, fn: (e: KeyboardEvent) => void) => (listener = fn),
		removeEventListener: () => (listener = null)
	} as unknown as Window;
	const codes: { code: string; scan: WedgeScan }[] = [];
	const stop = listenForWedge(win, (code, scan) => codes.push({ code, scan }));
	const body = new FakeElement('BODY');
	const submitted: string[] = [];
	/** Digits that reached the page's own key handlers (the counter's amount, on the counter). */
	const pageDigits: string[] = [];
	const state = { focus: body as FakeElement, codes, submitted, pageDigits, body, stop };
	function press(key: string, timeMs: number, repeat = false) {
		const target = state.focus;
		let prevented = false;
		const event = {
			key,
			timeStamp: timeMs,
			target,
			repeat,
			ctrlKey: false,
			altKey: false,
			metaKey: false,
			preventDefault: () => (prevented = true),
			stopPropagation: () => undefined
		} as unknown as KeyboardEvent;
		listener?.(event);
		if (prevented) return;
		if (target instanceof FakeInput) {
			if (/^\d$/.test(key)) {
				target.value += key;
				target.selectionStart = target.selectionEnd = target.value.length;
			} else if (key === 'Enter') submitted.push(target.value);
		} else if (/^\d$/.test(key)) pageDigits.push(key);
	}
	/** Keys `stepMs` apart from `startMs`; returns the time of the last. */
	function type(keys: string[], startMs: number, stepMs: number): number {
		keys.forEach((k, i) => press(k, startMs + i * stepMs));
		return startMs + (keys.length - 1) * stepMs;
	}
	return { ...state, state, press, type };
}

beforeEach(() => {
	vi.stubGlobal('HTMLElement', FakeElement);
	vi.stubGlobal('HTMLInputElement', FakeInput);
	vi.stubGlobal('HTMLTextAreaElement', FakeTextArea);
});
afterEach(() => vi.unstubAllGlobals());

describe('a scan the focus moves into a field part-way', () => {
	it('is read whole, and the digits that reached the field are taken back out (the PIN field at sign-in)', () => {
		const p = page();
		const pin = new FakeInput();
		// 5 digits reach the page; then the sign-in form gives the PIN field the focus, and the scan goes on there.
		const last = p.type([...CODE.slice(0, 5)], 1_000, 5);
		p.state.focus = pin;
		p.type([...CODE.slice(5), 'Enter'], last + 5, 5);
		expect(p.codes).toEqual([{ code: CODE, scan: { inField: true, pageDigits: 5, startedAtMs: 1_000 } }]);
		expect(p.submitted).toEqual([]); // the Enter did not submit the form with 13 digits for a PIN
		expect(pin.value).toBe('');
	});

	it('keeps what the field held before the scan (a cash note being written)', () => {
		const p = page();
		const note = new FakeInput();
		note.value = 'Paid by ';
		note.selectionStart = note.selectionEnd = note.value.length;
		const last = p.type([...CODE.slice(0, 12)], 0, 8);
		p.state.focus = note;
		p.type([...CODE.slice(12), 'Enter'], last + 8, 8);
		expect(p.codes.map((c) => c.code)).toEqual([CODE]);
		expect(p.codes[0].scan.pageDigits).toBe(12);
		expect(note.value).toBe('Paid by ');
	});

	it('is read whole when the focus leaves the field part-way (a dialog closes)', () => {
		const p = page();
		const field = new FakeInput();
		p.state.focus = field;
		const last = p.type([...CODE.slice(0, 7)], 0, 5);
		p.state.focus = p.body;
		p.type([...CODE.slice(7), 'Enter'], last + 5, 5);
		expect(p.codes).toEqual([{ code: CODE, scan: { inField: true, pageDigits: 11, startedAtMs: 0 } }]);
		expect(field.value).toBe('');
	});

	it('a scan wholly on the page or wholly in a field is told as before', () => {
		const p = page();
		p.type([...CODE, 'Enter'], 0, 5);
		const field = new FakeInput();
		p.state.focus = field;
		p.type([...CODE, 'Enter'], 5_000, 5);
		expect(p.codes).toEqual([
			{ code: CODE, scan: { inField: false, pageDigits: 18, startedAtMs: 0 } },
			{ code: CODE, scan: { inField: true, pageDigits: 0, startedAtMs: 5_000 } }
		]);
		expect(field.value).toBe('');
	});
});

describe("a person's keys across a move of the focus stay theirs", () => {
	it('digits typed on the page, then in a field, at a person’s pace: no scan, the field keeps its digits', () => {
		const p = page();
		const pin = new FakeInput();
		const last = p.type([...CODE.slice(0, 5)], 0, 120);
		p.state.focus = pin;
		p.type([...CODE.slice(5), 'Enter'], last + 120, 120);
		expect(p.codes).toEqual([]);
		expect(p.submitted).toEqual([CODE.slice(5)]);
	});

	it('a pause longer than a scanner’s at the move breaks the run: the field keeps the keys typed into it', () => {
		const p = page();
		const field = new FakeInput();
		const last = p.type([...CODE.slice(0, 5)], 0, 5);
		p.state.focus = field;
		p.type([...CODE.slice(5), 'Enter'], last + SCANNER_KEY_GAP_MS + 30, 5);
		expect(p.codes).toEqual([]);
		expect(field.value).toBe(CODE.slice(5));
	});

	it('a held key on the page (its repeats come at a scanner’s pace) does not begin a run that the field continues', () => {
		const p = page();
		const field = new FakeInput();
		p.press('8', 0);
		for (let i = 1; i <= 5; i++) p.press('8', i * 33, true);
		p.state.focus = field;
		p.type([...CODE.slice(6), 'Enter'], 6 * 33, 5);
		expect(p.codes).toEqual([]);
		expect(field.value).toBe(CODE.slice(6));
	});
});
