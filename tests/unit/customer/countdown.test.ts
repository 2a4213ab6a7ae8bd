import { describe, expect, it } from 'vitest';
import { fromBeforeScreen, refreshDelayMs, refreshInMs, replacedAtMs, secondsUntil } from '../../../src/lib/customer/paycode';

const ISSUED = 1_000_000;
const LIFETIME_MS = 60_000;

/** What the code screen shows `afterMs` after the code arrived. */
const shownAfter = (afterMs: number) => secondsUntil(replacedAtMs(ISSUED, LIFETIME_MS), ISSUED + afterMs);

describe('the code countdown counts to when the code is replaced', () => {
	it('starts at the seconds the customer will see this code, not at its lifetime', () => {
		expect(shownAfter(0)).toBe(50);
	});

	it('reaches 0 exactly when the code is replaced, and not a second before', () => {
		const refreshAfter = refreshDelayMs(LIFETIME_MS);
		expect(shownAfter(refreshAfter - 1)).toBe(1);
		expect(shownAfter(refreshAfter)).toBe(0);
	});

	it('counts down by one each second without a jump', () => {
		const seen = Array.from({ length: 51 }, (_, s) => shownAfter(s * 1000));
		expect(seen).toEqual(Array.from({ length: 51 }, (_, s) => 50 - s));
	});

	it('never shows a negative number when the refresh is late', () => {
		expect(shownAfter(LIFETIME_MS + 5_000)).toBe(0);
	});

	it('for very short codes counts to the halfway refresh', () => {
		expect(secondsUntil(replacedAtMs(ISSUED, 12_000), ISSUED)).toBe(6);
	});
});

describe('a code whose answer was slow counts from when it was asked for', () => {
	const ANSWER_AFTER_MS = 8_000;

	it('its countdown starts short by the wait: 42 s, not 50, after an 8 s answer', () => {
		expect(secondsUntil(replacedAtMs(ISSUED, LIFETIME_MS), ISSUED + ANSWER_AFTER_MS)).toBe(42);
	});

	it('is replaced when that countdown reaches 0, not a whole refresh delay after the answer', () => {
		expect(refreshInMs(ISSUED, LIFETIME_MS, ISSUED + ANSWER_AFTER_MS)).toBe(42_000);
		expect(refreshInMs(ISSUED, LIFETIME_MS, ISSUED)).toBe(refreshDelayMs(LIFETIME_MS));
	});

	it('is replaced at once when the answer came after its replacement was due', () => {
		expect(refreshInMs(ISSUED, LIFETIME_MS, ISSUED + 55_000)).toBe(0);
		expect(refreshInMs(ISSUED, LIFETIME_MS, ISSUED + 70_000)).toBe(0);
	});
});

describe('a sale from before the code screen opened', () => {
	const opened = Date.parse('2026-12-03T10:00:00.000Z');
	const at = (ms: number) => new Date(opened + ms).toISOString();
	it('is this screen’s when scanned after it opened, or just before by a till a little behind, and sent at once', () => {
		expect(fromBeforeScreen({ scannedAt: at(300), settledAt: at(400) }, opened)).toBe(false);
		// A code read within a second of being shown at a till whose clock is 1.5 s behind.
		expect(fromBeforeScreen({ scannedAt: at(-1_500), settledAt: at(200) }, opened)).toBe(false);
	});
	it('is not when scanned well before, or scanned before and sent late by an offline till', () => {
		expect(fromBeforeScreen({ scannedAt: at(-60_000), settledAt: at(500) }, opened)).toBe(true);
		expect(fromBeforeScreen({ scannedAt: at(-2_000), settledAt: at(30_000) }, opened)).toBe(true);
	});
});
