import { describe, expect, it } from 'vitest';
import { rereadOf, scanLeftOutcome, type KeyBefore } from '../../../src/routes/cashier/rereads';
import { WedgeDetector } from '../../../src/lib/scan/wedge';

const CODE = '881234567890123456';
const OTHER = '889999999999990001';

/**
 * The keys the counter takes from `fromDigit` of a scan typed 10 ms a key from `startMs`: each with the amount before it,
 * as the counter page records them once a key left the outcome (the amount of the new sale, empty, then the scan's
 * digits). The digits before `fromDigit` came while the charge was on its way, and were taken by no one.
 */
function keysTaken(startMs: number, fromDigit: number): KeyBefore[] {
	return [...CODE.slice(fromDigit)].map((_, i) => ({ text: CODE.slice(fromDigit, fromDigit + i), atMs: startMs + (fromDigit + i) * 10 }));
}

/** When the wedge says the scan typed 10 ms a key from `startMs` began. */
function scanStartedAt(startMs: number): number {
	const d = new WedgeDetector();
	[...CODE, 'Enter'].forEach((k, i) => d.feed(k, startMs + i * 10));
	return d.startedAtMs;
}

describe('a scan that left the last sale’s outcome', () => {
	const start = 10_000;
	const left = { byKey: true, inField: false };

	it('is one whose first digit left it', () => {
		expect(scanLeftOutcome(keysTaken(start, 0), scanStartedAt(start), left)).toBe(true);
	});

	it('is one whose first digits came while the charge was on its way, and the rest on the result (QA review)', () => {
		// The charge's answer came between the ninth and tenth digit: the tenth left the result. Counted by number
		// (18 keys taken), the scan was not this one, and its code was taken for the next sale.
		for (const fromDigit of [1, 9, 17]) expect(scanLeftOutcome(keysTaken(start, fromDigit), scanStartedAt(start), left)).toBe(true);
	});

	it('is not one after a key of the cashier’s, which left the outcome: the amount it began is theirs', () => {
		const keys = [{ text: '', atMs: start - 300 }, ...keysTaken(start, 0).map((k) => ({ ...k, text: `1${k.text}` }))];
		expect(scanLeftOutcome(keys, scanStartedAt(start), left)).toBe(false);
	});

	it('is not one when no key left the outcome (a tap, Next customer), nor a scan typed into a field', () => {
		expect(scanLeftOutcome(keysTaken(start, 0), scanStartedAt(start), { byKey: false, inField: false })).toBe(false);
		expect(scanLeftOutcome(keysTaken(start, 0), scanStartedAt(start), { byKey: true, inField: true })).toBe(false);
		expect(scanLeftOutcome([], scanStartedAt(start), left)).toBe(false);
	});
});

describe('a code read again', () => {
	const sale = (phase: Parameters<typeof rereadOf>[1]['phase'], chargeCode: string | null, lastPaidCode: string | null = null) => ({ phase, chargeCode, lastPaidCode });

	it('over the outcome of its own sale, paid, queued or declined, is that sale', () => {
		expect(rereadOf(CODE, sale('succeeded', CODE))).toBe('outcome');
		expect(rereadOf(CODE, sale('queued', CODE))).toBe('outcome');
		expect(rereadOf(CODE, sale('declined', CODE))).toBe('outcome');
		expect(rereadOf(OTHER, sale('queued', CODE))).toBeNull();
		expect(rereadOf(OTHER, sale('succeeded', CODE))).toBeNull();
	});

	it('as the next sale is entered, is the last customer’s when the last sale just paid with it', () => {
		expect(rereadOf(CODE, sale('entry', null, CODE))).toBe('last-paid');
		// Another code is the next customer's, to take; so is any code when the last sale was not paid here.
		expect(rereadOf(OTHER, sale('entry', null, CODE))).toBeNull();
		expect(rereadOf(CODE, sale('entry', null, null))).toBeNull();
	});

	it('while its charge is on its way, or with the camera open, is left to the counter as any code', () => {
		expect(rereadOf(CODE, sale('sending', CODE, null))).toBeNull();
		expect(rereadOf(CODE, sale('camera', null, CODE))).toBeNull();
	});
});
