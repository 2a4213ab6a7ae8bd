import { describe, expect, it } from 'vitest';
import { replaceLinkRefusal } from '../../../src/routes/cashier/manage/[id]/poster/replace-refusal';
import { en } from '../../../src/lib/i18n/en';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { zh } from '../../../src/lib/i18n/zh';
import { zhManage } from '../../../src/lib/i18n/zh-manage';

/** The manager's words and the core ones, as a manager's screen has them. */
const EN: Record<string, string> = { ...en, ...enManage };
const ZH: Record<string, string> = { ...zh, ...zhManage };

/** What POST …/claim-links/:token/replacement can answer besides 201 and ALREADY_REPLACED, and one the app does not know yet. */
const CODES = ['FORBIDDEN', 'NOT_FOUND', 'IN_PROGRESS', 'IDEMPOTENCY_MISMATCH', 'INTERNAL', 'UNAVAILABLE', 'REQUEST_TIMEOUT', 'RATE_LIMITED', 'SOMETHING_NEW'];

describe('a refused "Replace this link" in the manager’s words', () => {
	it('has a sentence in both languages for every refusal, known or not', () => {
		expect.hasAssertions();
		for (const code of CODES) {
			const [key] = replaceLinkRefusal(code);
			expect(EN[key], code).toBeTruthy();
			expect(ZH[key], code).toBeTruthy();
			expect(ZH[key], code).not.toBe(EN[key]);
		}
	});

	it('says a retry is safe when the server failed, and names an unknown refusal by its code', () => {
		expect(replaceLinkRefusal('UNAVAILABLE')).toEqual(['poster.replace.unavailable']);
		expect(replaceLinkRefusal('NOT_FOUND')).toEqual(['poster.replace.notFound']);
		expect(replaceLinkRefusal('SOMETHING_NEW')).toEqual(['poster.replace.refusedCode', { code: 'SOMETHING_NEW' }]);
	});
});
