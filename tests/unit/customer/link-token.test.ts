import { describe, expect, it } from 'vitest';
import { linkToken } from '../../../src/routes/claim/offer-link.svelte';

describe('the token of a claim or share link as pasted', () => {
	it('drops what a chat sentence put after it', () => {
		expect(linkToken('Ab3_x-9Q.')).toBe('Ab3_x-9Q');
		expect(linkToken('Ab3_x-9Q).')).toBe('Ab3_x-9Q');
		expect(linkToken('Ab3_x-9Q，')).toBe('Ab3_x-9Q');
	});

	it('keeps a whole token as it is, and has nothing for nothing', () => {
		expect(linkToken('Ab3_x-9Q')).toBe('Ab3_x-9Q');
		expect(linkToken(undefined)).toBe('');
		expect(linkToken('')).toBe('');
	});
});
