import { describe, expect, it } from 'vitest';
import { closeDayRefusal } from '../../../src/routes/cashier/report/close-refusal';
import { en } from '../../../src/lib/i18n/en';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { zh } from '../../../src/lib/i18n/zh';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { zhManage } from '../../../src/lib/i18n/zh-manage';

/**
 * The core words, the cashier's (the cashier's layout, above the report's, brings them) and the report's, which the Day
 * report loads with the manager's (en-manage.ts, report/+layout.ts).
 */
const EN: Record<string, string> = { ...en, ...enCashier, ...enManage };
const ZH: Record<string, string> = { ...zh, ...zhCashier, ...zhManage };

/** What POST /api/reports/z can answer besides 201 (README's table), and one the app does not know yet. */
const CODES = [
	'FORBIDDEN',
	'UNAUTHENTICATED',
	'IN_PROGRESS',
	'IDEMPOTENCY_MISMATCH',
	'CONFLICT',
	'CURRENCY_MISMATCH',
	'AMOUNT_OUT_OF_RANGE',
	'INTERNAL',
	'UNAVAILABLE',
	'REQUEST_TIMEOUT',
	'RATE_LIMITED',
	'SOMETHING_NEW'
];

describe('a refused "Close the day" in the manager’s words', () => {
	it('has a sentence in both languages for every refusal, known or not', () => {
		for (const code of CODES) {
			const [key] = closeDayRefusal(code);
			expect(EN[key], code).toBeTruthy();
			expect(ZH[key], code).toBeTruthy();
			expect(ZH[key], code).not.toBe(EN[key]);
		}
	});

	it('says who may close on a 403, that a conflict needs a fresh start on a 409, and names an unknown refusal by its code', () => {
		expect(closeDayRefusal('FORBIDDEN')).toEqual(['close.refusedManager']);
		expect(closeDayRefusal('IN_PROGRESS')).toEqual(['close.refusedInProgress']);
		expect(closeDayRefusal('IDEMPOTENCY_MISMATCH')).toEqual(['close.refusedConflict']);
		expect(closeDayRefusal('UNAVAILABLE')).toEqual(['close.refusedUnavailable']);
		expect(closeDayRefusal('SOMETHING_NEW')).toEqual(['close.refusedCode', { code: 'SOMETHING_NEW' }]);
	});
});
