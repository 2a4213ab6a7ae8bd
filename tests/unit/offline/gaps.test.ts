import { describe, expect, it } from 'vitest';
import { gapCount, unexplainedGaps } from '../../../src/lib/offline/gaps';

describe('sequence gaps the server reports', () => {
	it('drops the numbers this tablet still holds (sent one by one, or still queued)', () => {
		expect(unexplainedGaps([{ from: 3, to: 6 }], [1, 2, 3, 4, 5, 6, 7])).toEqual([]);
	});

	it('keeps the numbers it holds no entry for: lost requests', () => {
		expect(unexplainedGaps([{ from: 3, to: 8 }], [1, 2, 4, 7, 9])).toEqual([
			{ from: 3, to: 3 },
			{ from: 5, to: 6 },
			{ from: 8, to: 8 }
		]);
		expect(gapCount([{ from: 3, to: 3 }, { from: 5, to: 6 }])).toBe(3);
	});

	it('ignores numbers below the oldest entry held (pruned after they settled)', () => {
		expect(unexplainedGaps([{ from: 1, to: 10 }], [11, 12])).toEqual([]);
		expect(unexplainedGaps([{ from: 1, to: 12 }], [11])).toEqual([{ from: 12, to: 12 }]);
	});

	it('reports nothing when it holds nothing, and ignores reversed ranges', () => {
		expect(unexplainedGaps([{ from: 1, to: 5 }], [])).toEqual([]);
		expect(unexplainedGaps([{ from: 5, to: 1 }], [1])).toEqual([]);
	});
});
