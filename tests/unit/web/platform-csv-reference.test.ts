import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentReference as fileReference } from '../../../api/reports/platform-csv';
import { paymentReference } from '../../../src/lib/payments/reference';

/**
 * The platform statement's file gives each payment the reference the screens, receipts and the customer's history
 * give it (the API repeats src/lib/payments/reference.ts, which it does not import): the owner searches the counter
 * for the reference the file names, and a customer reads out the one their history shows.
 */
describe("a payment's reference in the platform statement's file", () => {
	it('is the screens’ for any id, with "-" and "_" in it or not', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/), (id) => {
				expect(fileReference(id)).toBe(paymentReference(id));
			}),
			{ numRuns: 500 }
		);
		expect(fileReference('pay_0mxafnxb990Ep-x8k_NW8b')).toBe('PX8KNW8B');
	});
});
