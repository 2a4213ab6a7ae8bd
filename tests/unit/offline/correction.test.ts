import { describe, expect, it } from 'vitest';
import { isCorrectionOf } from '../../../src/lib/offline/correction';

describe('isCorrectionOf: the typed digits fixed, or a fresh code', () => {
	const typed = '881234567890123456';
	it('one digit changed, or two swapped, is the code shown then', () => {
		expect(isCorrectionOf(typed, '881234567890123457')).toBe(true);
		expect(isCorrectionOf(typed, '881234576890123456')).toBe(true);
		expect(isCorrectionOf(typed, typed)).toBe(true);
	});
	it('a fresh code (its random digits differ) is not', () => {
		expect(isCorrectionOf(typed, '880987654321098765')).toBe(false);
		expect(isCorrectionOf(typed, '881234567890198765')).toBe(false);
	});
	it('a code of another length is not', () => {
		expect(isCorrectionOf(typed, '88123456789012345')).toBe(false);
	});
});
