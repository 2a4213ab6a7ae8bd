import { describe, expect, it } from 'vitest';
import { pinChangeRefusal } from '../../../src/lib/customer/pin-refusal';
import { en as coreEn } from '../../../src/lib/i18n/en';
import { enLater } from '../../../src/lib/i18n/en-later';
import { zh as coreZh } from '../../../src/lib/i18n/zh';

/** The customer's and the counter's dictionaries, looked up by a key an explanation chose (a manager's key is not in them); the dialog's own
 * English come with it (en-later.ts). */
const en: Record<string, string> = { ...coreEn, ...enLater };
const zh: Record<string, string> = coreZh;

/** What POST /api/customers/me/pin can answer besides 200, and one the app does not know yet. */
const CODES = ['WRONG_PIN', 'RATE_LIMITED', 'IN_PROGRESS', 'UNAUTHENTICATED', 'FORBIDDEN', 'INVALID_REQUEST', 'INTERNAL', 'UNAVAILABLE', 'REQUEST_TIMEOUT', 'IDEMPOTENCY_MISMATCH', 'SOMETHING_NEW'];

describe('a refused PIN change in the customer’s words', () => {
	it('has a sentence in both languages for every refusal, known or not', () => {
		expect.hasAssertions();
		for (const code of CODES) {
			const [key] = pinChangeRefusal(code);
			expect(en[key], code).toBeTruthy();
			expect(zh[key], code).toBeTruthy();
			expect(zh[key], code).not.toBe(en[key]);
		}
	});

	it('tells a wrong PIN from a locked handle, and names an unknown refusal by its code', () => {
		expect(pinChangeRefusal('WRONG_PIN')).toEqual(['pin.wrong']);
		expect(pinChangeRefusal('RATE_LIMITED')).toEqual(['pin.locked']);
		// The server's count of wrong PINs left: silent while there are plenty, counted down near the end, and the last
		// one says the checks are paused (the next try would be refused anyway).
		expect(pinChangeRefusal('WRONG_PIN', 4)).toEqual(['pin.wrong']);
		expect(pinChangeRefusal('WRONG_PIN', 2)).toEqual(['pin.wrongTriesLeft', { count: 2 }]);
		expect(pinChangeRefusal('WRONG_PIN', 0)).toEqual(['pin.locked']);
		expect(pinChangeRefusal('SOMETHING_NEW')).toEqual(['pin.refusedCode', { code: 'SOMETHING_NEW' }]);
	});
});
