import { describe, expect, it } from 'vitest';
import { cashNoteRejection, chargeRejection, refundRejection } from '../../../src/lib/cashier/rejections';
import { en as coreEn } from '../../../src/lib/i18n/en';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { zh as coreZh } from '../../../src/lib/i18n/zh';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';

/** The core and the counter's dictionaries, looked up by a key an explanation chose (a manager's key is not in them). */
const en: Record<string, string> = { ...coreEn, ...enCashier };
const zh: Record<string, string> = { ...coreZh, ...zhCashier };

const CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'AMOUNT_OUT_OF_RANGE', 'INVALID_REQUEST', 'REFUND_EXCEEDS_PAYMENT', 'NOT_REFUNDABLE', 'INSUFFICIENT_FUNDS', 'INTERNAL', 'UNAVAILABLE', 'IN_PROGRESS', 'CONFLICT', 'SOMETHING_NEW'];

describe('a refusal of the server in the cashier’s words', () => {
	for (const [name, explain] of [
		['charge', chargeRejection],
		['refund', refundRejection],
		['cash note', cashNoteRejection]
	] as const) {
		it(`has a sentence in both languages for every ${name} refusal, known or not`, () => {
			for (const code of CODES) {
				const [key] = explain(code);
				expect(en[key], `${name} ${code}`).toBeTruthy();
				expect(zh[key], `${name} ${code}`).toBeTruthy();
				expect(zh[key]).not.toBe(en[key]);
			}
		});
	}

	it('names the refund a shop cannot cover as such, and an unknown code by its code', () => {
		expect(refundRejection('INSUFFICIENT_FUNDS')).toEqual(['refund.shopFunds']);
		expect(refundRejection('SOMETHING_NEW')).toEqual(['refund.refusedCode', { code: 'SOMETHING_NEW' }]);
		expect(chargeRejection('RATE_LIMITED')).toEqual(['charge.rateLimited']);
		expect(cashNoteRejection('UNAUTHENTICATED')).toEqual(['charge.signedOut']);
	});

	it('says a refund the server could not make just now can be tried again, not that it was refused', () => {
		for (const code of ['INTERNAL', 'UNAVAILABLE', 'REQUEST_TIMEOUT', 'IN_PROGRESS', 'CONFLICT']) {
			expect(refundRejection(code), code).toEqual(['refund.notNow']);
		}
		expect(en['refund.notNow']).toContain('Try again');
		expect(en['refund.notNow']).not.toContain('refused');
	});
});
