import { describe, expect, it } from 'vitest';
import { zh } from '../../../src/lib/i18n/zh';

/**
 * The customer's screens speak to the customer as 您 (the polite "you"), in every word of theirs: a customer QA review
 * found "你已离线…" on the offline page (error.offline, which the staff's screens show too) among screens that say 您.
 * zh.ts holds every word the customer's phone and the claim pages show (the staff's own are zh-cashier.ts and
 * zh-manage.ts, which say 你 to a colleague), so none of it may say 你; a word shared with the staff says neither.
 */
describe("the customer's Chinese words", () => {
	it('never say 你', () => {
		expect(Object.entries(zh).filter(([, text]) => text.includes('你'))).toEqual([]);
		// The check reads the customer's words at all: they do say 您.
		expect(Object.values(zh).filter((text) => text.includes('您')).length).toBeGreaterThan(10);
	});
});
