import { describe, expect, it } from 'vitest';
import { labelledHours } from '../../../src/routes/cashier/report/hour-labels';

const day = (from: number, to: number, counts: Record<number, number> = {}) =>
	Array.from({ length: to - from + 1 }, (_, i) => ({ hour: from + i, count: counts[from + i] ?? 0 }));
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('hour labels under the day chart', () => {
	it('an empty day is labelled every other hour', () => {
		expect(sorted(labelledHours(day(7, 21)))).toEqual([8, 10, 12, 14, 16, 18, 20]);
	});

	it('an odd hour with payments is labelled (05 had a bar and no label)', () => {
		const labels = labelledHours(day(5, 21, { 5: 1, 9: 3 }));
		expect(labels.has(5)).toBe(true);
		expect(labels.has(9)).toBe(true);
	});

	it('an empty even hour beside a labelled bar gives way, so no two labels touch unless both have bars', () => {
		const labels = labelledHours(day(7, 21, { 9: 2, 13: 1 }));
		expect(labels.has(8)).toBe(false);
		expect(labels.has(10)).toBe(false);
		expect(labels.has(12)).toBe(false);
		expect(labels.has(14)).toBe(false);
		expect(labels.has(16)).toBe(true);
		for (const h of labels) {
			const besideAnother = labels.has(h + 1);
			const bothBars = [9, 13].includes(h) && [9, 13].includes(h + 1);
			expect(besideAnother && !bothBars, `labels ${h} and ${h + 1} touch`).toBe(false);
		}
	});

	it('hours with bars side by side are all labelled, with nothing squeezed between', () => {
		expect(sorted(labelledHours(day(7, 12, { 9: 1, 10: 4, 11: 2 })))).toEqual([9, 10, 11]);
	});
});
