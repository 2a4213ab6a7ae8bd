import { describe, expect, it } from 'vitest';
import { campaignRefusal } from '../../../src/routes/cashier/manage/campaign-refusal';
import { en } from '../../../src/lib/i18n/en';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { zh } from '../../../src/lib/i18n/zh';
import { zhManage } from '../../../src/lib/i18n/zh-manage';

/** The manager's words and the core ones, as a manager's screen has them. */
const EN: Record<string, string> = { ...en, ...enManage };
const ZH: Record<string, string> = { ...zh, ...zhManage };

/** What a new campaign, a grant or a change of limits can be refused with beyond the forms' own words, and one the app does not know yet. */
const CODES = ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'IN_PROGRESS', 'INVALID_REQUEST', 'AMOUNT_OUT_OF_RANGE', 'CURRENCY_MISMATCH', 'INTERNAL', 'UNAVAILABLE', 'REQUEST_TIMEOUT', 'SOMETHING_NEW'];

describe('a campaign form the server refused, in the manager’s words', () => {
	it('has a sentence in both languages for every refusal, known or not', () => {
		expect.hasAssertions();
		for (const code of CODES) {
			const [key] = campaignRefusal(code);
			expect(EN[key], code).toBeTruthy();
			expect(ZH[key], code).toBeTruthy();
			expect(ZH[key], code).not.toBe(EN[key]);
		}
	});

	it('says nothing changed when the server failed, and names an unknown refusal by its code', () => {
		expect(campaignRefusal('UNAVAILABLE')).toEqual(['manage.refusal.unavailable']);
		expect(campaignRefusal('INTERNAL')).toEqual(['manage.refusal.unavailable']);
		expect(campaignRefusal('SOMETHING_NEW')).toEqual(['manage.refusal.code', { code: 'SOMETHING_NEW' }]);
	});

	it('reads a rule the form itself would not send (an older tablet, a threshold with a higher minimum spend) as the form’s own refusal, not a bare code', () => {
		for (const code of ['MINIMUM_SPEND_OVER_THRESHOLD', 'SAVING_OVER_MINIMUM', 'BUDGET_BELOW_SAVING']) {
			expect(campaignRefusal(code), code).toEqual(['manage.refusal.invalid']);
		}
	});
});
