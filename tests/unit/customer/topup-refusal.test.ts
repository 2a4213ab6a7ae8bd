import { describe, expect, it } from 'vitest';
import { topUpRefusal } from '../../../src/lib/customer/topup-refusal';
import { en as coreEn } from '../../../src/lib/i18n/en';
import { enLater } from '../../../src/lib/i18n/en-later';
import { zh as coreZh } from '../../../src/lib/i18n/zh';

/** The customer's and the counter's dictionaries, looked up by a key an explanation chose (a manager's key is not in them); the dialog's own
 * English come with it (en-later.ts). */
const en: Record<string, string> = { ...coreEn, ...enLater };
const zh: Record<string, string> = coreZh;

/** What POST /api/wallet/topups can answer besides 201 (README's table), and one the app does not know yet. */
const CODES = ['TOPUPS_DISABLED', 'IN_PROGRESS', 'UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL', 'UNAVAILABLE', 'REQUEST_TIMEOUT', 'AMOUNT_OUT_OF_RANGE', 'CURRENCY_MISMATCH', 'IDEMPOTENCY_MISMATCH', 'SOMETHING_NEW'];

describe('a refused top-up in the customer’s words', () => {
	it('has a sentence in both languages for every refusal, known or not', () => {
		expect.hasAssertions();
		for (const code of CODES) {
			const [key] = topUpRefusal(code);
			expect(en[key], code).toBeTruthy();
			expect(zh[key], code).toBeTruthy();
			expect(zh[key], code).not.toBe(en[key]);
		}
	});

	it('says a retry is safe when the server failed, and names an unknown refusal by its code', () => {
		expect(topUpRefusal('UNAVAILABLE')).toEqual(['topup.unavailable']);
		expect(topUpRefusal('IN_PROGRESS')).toEqual(['topup.inProgress']);
		expect(topUpRefusal('TOPUPS_DISABLED')).toEqual(['topup.disabled']);
		expect(topUpRefusal('SOMETHING_NEW')).toEqual(['topup.refusedCode', { code: 'SOMETHING_NEW' }]);
	});
});
