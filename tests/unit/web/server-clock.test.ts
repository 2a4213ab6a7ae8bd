import { describe, expect, it } from 'vitest';
import { offsetFrom } from '../../../src/lib/api/server-clock';

describe('the server clock offset from a Date header', () => {
	const at = Date.parse('2026-12-01T06:00:00.000Z');
	const header = (ms: number) => new Date(ms).toUTCString();

	it('a tablet ten minutes slow learns to add ten minutes, to within the header’s second', () => {
		const offset = offsetFrom(header(at), at - 600_000 - 40, at - 600_000 + 40)!;
		expect(Math.abs(offset - 600_000)).toBeLessThanOrEqual(1_000);
	});

	it('a tablet ten minutes fast learns to take them off', () => {
		const offset = offsetFrom(header(at), at + 600_000 - 40, at + 600_000 + 40)!;
		expect(Math.abs(offset + 600_000)).toBeLessThanOrEqual(1_000);
	});

	it('a well-set clock is used as it is: what the header and the round trip cannot tell apart is no offset', () => {
		expect(offsetFrom(header(at), at - 300, at + 900)).toBe(0);
		expect(offsetFrom(header(at + 999), at + 100, at + 1_200)).toBe(0);
	});

	it('no header, a header that is no date, or times running backwards teach nothing', () => {
		expect(offsetFrom(null, at, at + 10)).toBeNull();
		expect(offsetFrom('yesterday-ish', at, at + 10)).toBeNull();
		expect(offsetFrom(header(at), at + 10, at)).toBeNull();
	});
});
