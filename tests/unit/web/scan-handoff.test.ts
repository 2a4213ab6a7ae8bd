import { describe, expect, it } from 'vitest';
import { KEPT_SALE_MS } from '../../../src/routes/cashier/counter-draft';
import { ScanHandoff } from '../../../src/routes/cashier/scan-handoff';

/** A code scanned away from the counter (at sign-in, on Today), held for it: for how long, and with which scan time. */
describe('a code held for the counter', () => {
	const start = Date.parse('2026-12-02T10:00:00Z');
	const code = '881234567890123456';

	it('is taken once, with the time it was scanned, not the time the counter took it', () => {
		const clock = { now: start };
		const h = new ScanHandoff(() => clock.now);
		h.hold(code);
		clock.now += 75_000; // a sign-in: longer than a payment code lives
		expect(h.holding).toBe(true);
		expect(h.take()).toEqual({ code, scannedAt: new Date(start) });
		expect(h.take()).toBeNull();
	});

	it('is dropped once held longer than a sale is kept for the counter', () => {
		const clock = { now: start };
		const h = new ScanHandoff(() => clock.now);
		h.hold(code);
		clock.now += KEPT_SALE_MS;
		expect(h.holding).toBe(true);
		clock.now += 1;
		expect(h.holding).toBe(false);
		expect(h.take()).toBeNull();
	});

	it('keeps the newest scan, timed from its own reading', () => {
		const clock = { now: start };
		const h = new ScanHandoff(() => clock.now);
		h.hold(code);
		clock.now += KEPT_SALE_MS - 1_000;
		h.hold('889999999999999999');
		clock.now += 60_000;
		expect(h.take()).toEqual({ code: '889999999999999999', scannedAt: new Date(start + KEPT_SALE_MS - 1_000) });
	});
});

describe('a code held for the counter, timed on the tablet', () => {
	it('is not made younger or older by a correction of the server clock meanwhile (the sign-in answer brings one)', () => {
		const tablet = { now: Date.parse('2026-12-02T10:00:00Z') };
		let offsetMs = 0;
		const h = new ScanHandoff(() => tablet.now, () => tablet.now + offsetMs);
		h.hold('881234567890123456');
		tablet.now += KEPT_SALE_MS + 1;
		offsetMs = -10 * 60_000; // the tablet ran ten minutes fast, the sign-in's answer says
		expect(h.holding).toBe(false);
		expect(h.take()).toBeNull();
	});
});
