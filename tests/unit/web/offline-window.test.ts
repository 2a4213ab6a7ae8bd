import { describe, expect, it } from 'vitest';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { DEFAULT_OFFLINE_WINDOW_MS, offlineWindowText, waitingDeadline } from '../../../src/routes/cashier/offline-window';

/** The server's window for a sale taken offline, as the sign-out question and the sign-in screen say it. */
const en = { t: (key: string, params?: Record<string, string | number>) => interpolate((enCashier as Record<string, string>)[key]!, params, 'en-GB') };

describe("the server's window for a sale taken offline", () => {
	it('is 24 hours from a server that does not say', () => {
		expect(DEFAULT_OFFLINE_WINDOW_MS).toBe(24 * 3_600_000);
		expect(offlineWindowText(en, undefined)).toBe('24 hours');
	});

	it('is said in hours when whole, else in minutes (what is left of a minute dropped)', () => {
		expect(offlineWindowText(en, 3_600_000)).toBe('1 hour');
		expect(offlineWindowText(en, 48 * 3_600_000)).toBe('48 hours');
		expect(offlineWindowText(en, 90 * 60_000)).toBe('90 minutes');
		expect(offlineWindowText(en, 60_000 + 30_000)).toBe('1 minute');
	});
});

describe('by when the sales waiting for a sign-in must go out', () => {
	const firstScannedAt = '2026-12-05T10:00:00.000Z';

	it("is the first sale's scan plus the window the last sign-in here was told", () => {
		expect(waitingDeadline(firstScannedAt, String(2 * 3_600_000))).toBe('2026-12-05T12:00:00.000Z');
	});

	it('is 24 hours after it on a tablet never told, or where what was kept is not a number', () => {
		for (const stored of [null, undefined, '', 'not a number', '0']) expect(waitingDeadline(firstScannedAt, stored)).toBe('2026-12-06T10:00:00.000Z');
	});

	it('is none when no sale waits', () => {
		expect(waitingDeadline(null, '3600000')).toBeNull();
	});
});
