import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/lib/api/types';
import { en } from '../../../src/lib/i18n/en';
import type { I18n } from '../../../src/lib/i18n/i18n.svelte';
import { describeDecline } from '../../../src/lib/i18n/phrases';

const declined = (reason: Payment['reason'], reasonDetail: Payment['reasonDetail'] = null, couponTitle: string | null = null) => ({ reason, reasonDetail, couponTitle });

describe('what the till says about a declined payment', () => {
	// The English dictionary itself (I18n is a rune class that needs the Svelte compiler).
	const i18n = { t: (key: keyof typeof en) => en[key] } as unknown as I18n;

	it('tells a used code apart from one the customer paid with elsewhere after this till scanned it', () => {
		expect(describeDecline(i18n, declined('CODE_USED')).reason).toBe('That code was already used.');
		expect(describeDecline(i18n, declined('CODE_USED', 'USED_AFTER_SCAN')).reason).toBe('The customer paid with this code somewhere else after it was scanned here.');
	});

	it('names the coupon rule that refused the coupon, and the coupon', () => {
		expect(describeDecline(i18n, declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT', '¥5 off')).reason).toMatch(/\(¥5 off\)$/);
		expect(describeDecline(i18n, declined('COUPON_NOT_APPLICABLE', 'WRONG_MERCHANT')).reason).not.toBe(i18n.t('decline.COUPON_NOT_APPLICABLE'));
	});
});
