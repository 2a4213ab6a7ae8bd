import { describe, expect, it } from 'vitest';
import { judgeScan } from '../../../api/payments/scan-time';
import { TYPING_START_MAX_AGE_MS, typedCodeTakenAt, typingStartAfterEdit, type TakenAt } from '../../../src/lib/scan/typed-start';

/** A code typed by hand counts as taken at its first keystroke, so one the phone replaced while it was typed pays. */
describe('when a typed code is taken', () => {
	const t0 = Date.parse('2026-12-05T10:00:00Z');
	/** The clocks `at` ms after t0 (the page's monotonic clock started with the page, 5 s before t0). */
	const at = (ms: number): TakenAt => ({ scannedAt: new Date(t0 + ms), takenAtMono: 5_000 + ms });
	const clock = (ms: number) => () => at(ms);

	/** The field's values after each edit, the edits `step` ms apart from `from`: the start after the last. */
	function edits(values: string[], from = 0, step = 800, start: TakenAt | null = null): TakenAt | null {
		values.forEach((value, i) => (start = typingStartAfterEdit(start, value, clock(from + i * step))));
		return start;
	}

	it('is its first keystroke, whatever the keys after it', () => {
		const start = edits(['8', '88', '881', '881 2', '881 23']);
		expect(start).toEqual(at(0));
		expect(typedCodeTakenAt(start, at(15_000))).toEqual(at(0));
	});

	it('is a paste as it lands, or a full-width digit of a Chinese input method', () => {
		expect(edits(['881234567890123456'], 2_000)).toEqual(at(2_000));
		expect(edits(['８８１'], 3_000)).toEqual(at(3_000));
	});

	it('starts again when the field is cleared (by keys, or a scan taking its place), and not on spaces alone', () => {
		const start = edits(['8', '88', '8', '', ' ', '4', '44'], 0, 1_000);
		expect(start).toEqual(at(5_000));
	});

	it('is "Use code" when nothing was typed (a mistyped code put back and sent as it was)', () => {
		expect(typedCodeTakenAt(null, at(9_000))).toEqual(at(9_000));
	});

	it('is "Use code" when the typing began too long ago to be this code\'s (a field left half typed)', () => {
		const start = edits(['4', '44']);
		expect(typedCodeTakenAt(start, at(TYPING_START_MAX_AGE_MS))).toEqual(at(0));
		expect(typedCodeTakenAt(start, at(TYPING_START_MAX_AGE_MS + 1))).toEqual(at(TYPING_START_MAX_AGE_MS + 1));
	});

	it('pays with a code the phone replaced as it was typed, and not with one begun after it was replaced', () => {
		// A 60 s code issued 55 s before t0; the phone replaced it at t0 + 2 s, retiring it (REFRESH_LEAD_MS ahead).
		const code = { created_at: t0 - 55_000, expires_at: t0 + 5_000, state: 'retired' as const, ended_at: t0 + 2_000 };
		const typed = edits(['8', '88', '881'], 0, 700); // begun with 5 s left on "New code in N s"
		const useCode = at(14_000);
		const verdict = (takenAt: TakenAt) => judgeScan(code, takenAt.scannedAt.getTime(), t0 + 15_000, 1_200, 0);
		expect(verdict(typedCodeTakenAt(typed, useCode))).toEqual({ ok: true, at: t0 });
		// As it was stamped before: at "Use code", after the phone replaced it.
		expect(verdict(useCode)).toMatchObject({ ok: false, reason: 'CODE_EXPIRED' });
		// Begun after it was replaced: the code was no longer on the phone, and is not taken.
		expect(verdict(typedCodeTakenAt(edits(['8', '88'], 3_000), useCode))).toMatchObject({ ok: false, reason: 'CODE_EXPIRED' });
	});
});
