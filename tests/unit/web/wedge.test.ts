import { describe, expect, it } from 'vitest';
import { SCANNER_KEY_GAP_MS, WedgeDetector, WEDGE_MAX_GAP_MS } from '../../../src/lib/scan/wedge';
import { normalizeCode } from '../../../src/lib/scan/code';

const CODE = '881234567890123456';

function feedAll(d: WedgeDetector, keys: string[], startMs: number, stepMs: number): (string | null)[] {
	return keys.map((k, i) => d.feed(k, startMs + i * stepMs));
}

describe('the keyboard-wedge scanner', () => {
	it('reads 18 digits and Enter as a code', () => {
		const d = new WedgeDetector();
		const out = feedAll(d, [...CODE, 'Enter'], 1000, 5);
		expect(out.at(-1)).toBe(CODE);
		expect(out.slice(0, -1).every((x) => x === null)).toBe(true);
	});

	it('ignores shorter runs (an amount typed on a keyboard) and a run broken by a long pause', () => {
		const d = new WedgeDetector();
		expect(feedAll(d, ['3', '8', 'Enter'], 0, 5).at(-1)).toBeNull();
		const half = feedAll(d, [...CODE.slice(0, 9)], 1000, 5);
		expect(half.every((x) => x === null)).toBe(true);
		expect(feedAll(d, [...CODE.slice(9), 'Enter'], 1000 + 9 * 5 + WEDGE_MAX_GAP_MS + 1, 5).at(-1)).toBeNull();
	});

	it('takes the last 18 digits when the cashier had just typed part of an amount', () => {
		const d = new WedgeDetector();
		expect(feedAll(d, ['3', '0', ...CODE, 'Enter'], 0, 20).at(-1)).toBe(CODE);
	});

	it('says when the code\'s first digit came, not the digits typed just before it', () => {
		const d = new WedgeDetector();
		// "3", "0" typed by the cashier at 0 and 20 ms, then the scan's 18 digits from 40 ms: the counter undoes those only.
		expect(feedAll(d, ['3', '0', ...CODE, 'Enter'], 0, 20).at(-1)).toBe(CODE);
		expect(d.startedAtMs).toBe(40);
		// The next scan is timed on its own.
		expect(feedAll(d, [...CODE, 'Enter'], 5000, 5).at(-1)).toBe(CODE);
		expect(d.startedAtMs).toBe(5000);
	});

	it('lets Shift through (some scanners press it) and any other key breaks the run', () => {
		const d = new WedgeDetector();
		expect(feedAll(d, ['Shift', ...CODE, 'Enter'], 0, 5).at(-1)).toBe(CODE);
		expect(feedAll(d, [...CODE.slice(0, 5), 'a', ...CODE.slice(5), 'Enter'], 1000, 5).at(-1)).toBeNull();
	});
});

describe('the scanner in a focused text field (a cash note, a campaign title)', () => {
	it('reads only keys at a scanner\'s pace, so a person typing 18 digits keeps them', () => {
		const d = new WedgeDetector(18, SCANNER_KEY_GAP_MS);
		expect(feedAll(d, [...CODE, 'Enter'], 0, 8).at(-1)).toBe(CODE);
		expect(feedAll(d, [...CODE, 'Enter'], 1000, SCANNER_KEY_GAP_MS + 20).at(-1)).toBeNull();
	});

	it('counts the run from its first fast key, which is when the field is noted to be put back', () => {
		const d = new WedgeDetector(18, SCANNER_KEY_GAP_MS);
		d.feed('C', 0);
		d.feed('5', 300); // a person's digit, typed into the note
		expect(d.runLength).toBe(1);
		d.feed('8', 900); // the scan begins: a new run
		expect(d.runLength).toBe(1);
		feedAll(d, [...CODE.slice(1)], 905, 5);
		expect(d.runLength).toBe(18);
		expect(d.feed('Enter', 905 + 17 * 5 + 5)).toBe(CODE);
		expect(d.runLength).toBe(0);
	});
});

describe('what counts as a payment code', () => {
	it('is 18 digits, typed with spaces or dashes or not', () => {
		expect(normalizeCode(CODE)).toBe(CODE);
		expect(normalizeCode('881 234 567 890 123 456')).toBe(CODE);
		expect(normalizeCode(' 881-234-567-890-123-456 ')).toBe(CODE);
		expect(normalizeCode('88123456789012345')).toBeNull();
		expect(normalizeCode('https://example.com/881234567890123456')).toBeNull();
	});
});
