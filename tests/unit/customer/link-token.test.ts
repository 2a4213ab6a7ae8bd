import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/lib/api/client';
import { linkToken, offerLinkError } from '../../../src/routes/claim/offer-link.svelte';

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

describe('why a claim or share link shows no offer', () => {
	it('tells a link the shop replaced from one that leads nowhere, and both from a network failure', () => {
		expect(offerLinkError(new ApiError(410, 'CLAIM_LINK_WITHDRAWN', 'replaced'))).toBe('withdrawn');
		expect(offerLinkError(new ApiError(404, 'NOT_FOUND', 'no such claim link'))).toBe('notFound');
		expect(offerLinkError(new ApiError(410, 'SHARE_TAKEN_BACK', 'taken back'))).toBe('notFound');
		expect(offerLinkError(new ApiError(503, 'UNAVAILABLE', 'down'))).toBe('network');
		expect(offerLinkError(new TypeError('fetch failed'))).toBe('network');
	});
});
