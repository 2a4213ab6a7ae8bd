import { describe, expect, it } from 'vitest';
import { laterContact } from '../../../src/lib/api/last-answer';

describe("the counter's last contact with the server", () => {
	const sale = '2026-12-07T05:40:00.000Z';
	it("is this page's last answer when that came after the outbox's record of a sale", () => {
		expect(laterContact(sale, Date.parse('2026-12-07T05:45:00.000Z'))).toBe('2026-12-07T05:45:00.000Z');
	});
	it("stays the outbox's record when that is later (a sync after a reload, before this page read anything)", () => {
		expect(laterContact(sale, Date.parse('2026-12-07T05:30:00.000Z'))).toBe(sale);
	});
	it('is whichever there is, and none with neither', () => {
		expect(laterContact(null, Date.parse(sale))).toBe(sale);
		expect(laterContact(sale, null)).toBe(sale);
		expect(laterContact(null, null)).toBeNull();
	});
});
