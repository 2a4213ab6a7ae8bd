import { describe, expect, it } from 'vitest';
import { today } from '../../../src/routes/cashier/cashier.svelte';

/**
 * "Today" on the cashier's screens is the shop's day (the server's TIME_ZONE, where its reports start at
 * midnight), not the tablet's: at 23:40 UTC a tablet in Shanghai is already in tomorrow.
 */
describe("the shop's today", () => {
	const lateEvening = new Date('2026-11-29T23:40:00Z');

	it('is the date in the zone the shop gives, whatever zone the tablet is in', () => {
		expect(today('UTC', lateEvening)).toBe('2026-11-29');
		expect(today('Asia/Shanghai', lateEvening)).toBe('2026-11-30');
		expect(today('America/Los_Angeles', lateEvening)).toBe('2026-11-29');
	});

	it("falls back to the tablet's own day when the server names no zone or one it does not know", () => {
		const local = `${lateEvening.getFullYear()}-${String(lateEvening.getMonth() + 1).padStart(2, '0')}-${String(lateEvening.getDate()).padStart(2, '0')}`;
		expect(today(undefined, lateEvening)).toBe(local);
		expect(today('Not/AZone', lateEvening)).toBe(local);
	});
});
