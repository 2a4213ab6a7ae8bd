import { describe, expect, it } from 'vitest';
import { movedUnderAim } from '../../../src/lib/ui/settle';

describe('movedUnderAim', () => {
	const at = { top: 240, left: 16 };
	it('takes a move a finger would miss by for one', () => {
		expect(movedUnderAim(at, { top: 307, left: 16 })).toBe(true);
		expect(movedUnderAim(at, { top: 240, left: 40 })).toBe(true);
		expect(movedUnderAim(at, { top: 237, left: 16 })).toBe(true);
	});
	it('takes rounding for none', () => {
		expect(movedUnderAim(at, at)).toBe(false);
		expect(movedUnderAim(at, { top: 241.5, left: 15 })).toBe(false);
	});
});
