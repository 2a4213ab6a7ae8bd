import { describe, expect, it } from 'vitest';
import { endCampaignRefusal } from '../../../src/routes/cashier/manage/[id]/end-refusal';
import { en } from '../../../src/lib/i18n/en';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { zh } from '../../../src/lib/i18n/zh';
import { zhManage } from '../../../src/lib/i18n/zh-manage';

/** The manager's words and the core ones, as a manager's screen has them. */
const EN: Record<string, string> = { ...en, ...enManage };
const ZH: Record<string, string> = { ...zh, ...zhManage };

/** What POST /api/campaigns/:id/end can answer besides 200 (README's table), and one the app does not know yet. */
const CODES = ['FORBIDDEN', 'NOT_FOUND', 'IN_PROGRESS', 'IDEMPOTENCY_MISMATCH', 'INTERNAL', 'UNAVAILABLE', 'REQUEST_TIMEOUT', 'RATE_LIMITED', 'SOMETHING_NEW'];

describe('a refused "End now" in the manager’s words', () => {
	it('has a sentence in both languages for every refusal, known or not', () => {
		expect.hasAssertions();
		for (const code of CODES) {
			const [key] = endCampaignRefusal(code);
			expect(EN[key], code).toBeTruthy();
			expect(ZH[key], code).toBeTruthy();
			expect(ZH[key], code).not.toBe(EN[key]);
		}
	});

	it('says a retry is safe when the server failed, and names an unknown refusal by its code', () => {
		expect(endCampaignRefusal('UNAVAILABLE')).toEqual(['manage.end.unavailable']);
		expect(endCampaignRefusal('NOT_FOUND')).toEqual(['manage.end.notFound']);
		expect(endCampaignRefusal('SOMETHING_NEW')).toEqual(['manage.end.refusedCode', { code: 'SOMETHING_NEW' }]);
	});
});
