import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, SYNC_BACKOFF_BASE_MS, SYNC_BACKOFF_MAX_MS } from '../../../src/lib/offline/backoff';

describe('retry backoff with full jitter', () => {
	it('waits at most 2 s after the first failure', () => {
		expect(backoffDelayMs(0, () => 0.999999)).toBe(SYNC_BACKOFF_BASE_MS - 1);
		expect(backoffDelayMs(0, () => 0)).toBe(0);
	});

	it('doubles the ceiling with each failure', () => {
		expect(backoffDelayMs(1, () => 0.5)).toBe(2_000);
		expect(backoffDelayMs(2, () => 0.5)).toBe(4_000);
		expect(backoffDelayMs(3, () => 0.5)).toBe(8_000);
	});

	it('never waits more than 5 minutes, however long the outage', () => {
		expect(backoffDelayMs(8, () => 0.999999)).toBeLessThan(SYNC_BACKOFF_MAX_MS);
		expect(backoffDelayMs(1_000, () => 0.5)).toBe(SYNC_BACKOFF_MAX_MS / 2);
	});

	it('stays within [0, min(max, base * 2^n)) for any failure count and draw', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
				const d = backoffDelayMs(n, () => r);
				const ceiling = Math.min(SYNC_BACKOFF_MAX_MS, SYNC_BACKOFF_BASE_MS * 2 ** Math.min(n, 30));
				expect(Number.isSafeInteger(d)).toBe(true);
				expect(d).toBeGreaterThanOrEqual(0);
				expect(d).toBeLessThan(ceiling);
			})
		);
	});

	it('spreads tablets that fail together over the whole window', () => {
		const draws = [0.1, 0.5, 0.9].map((r) => backoffDelayMs(4, () => r));
		expect(new Set(draws).size).toBe(3);
		expect(draws[2]).toBeGreaterThan(draws[0] * 5);
	});

	it('refuses a negative or fractional failure count', () => {
		expect(() => backoffDelayMs(-1)).toThrow(RangeError);
		expect(() => backoffDelayMs(1.5)).toThrow(RangeError);
	});
});
