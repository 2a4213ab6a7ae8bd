import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../../src/lib/i18n/en';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { enLater } from '../../../src/lib/i18n/en-later';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { enTopUp } from '../../../src/lib/i18n/en-topup';
import { enTabletsUnsent } from '../../../src/lib/i18n/en-tablets-unsent';
import { enTopUpsToday } from '../../../src/lib/i18n/en-topups-today';
import { enNotPaid } from '../../../src/lib/i18n/en-not-paid';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { choosePlurals } from '../../../src/lib/i18n/plural';
import { zh } from '../../../src/lib/i18n/zh';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { zhManage } from '../../../src/lib/i18n/zh-manage';

const words: Record<MessageKey, string> = { ...en, ...enLater, ...enManage, ...enCashier, ...enTopUp, ...enTopUpsToday, ...enTabletsUnsent, ...enNotPaid };
const say = (key: MessageKey, params: Record<string, string | number>) => interpolate(words[key], params, 'en-GB');

describe('English counts read right for one and for many', () => {
	it('the sign-out warning says "1 payment … is", and "2 payments … are"', () => {
		expect(say('signout.queuedText', { count: 1 })).toMatch(/^1 payment taken offline is still on this tablet\. It is sent/);
		expect(say('signout.queuedText', { count: 2 })).toMatch(/^2 payments taken offline are still on this tablet\. They are sent/);
	});

	it('the hourly chart, the queued-at-close note and the lost-payments warning', () => {
		expect(say('report.chartLabel', { total: 1, hour: '09', count: 1 })).toBe('1 payment; busiest hour 09:00 with 1.');
		expect(say('report.chartLabel', { total: 5, hour: '09', count: 3 })).toBe('5 payments; busiest hour 09:00 with 3.');
		expect(say('close.queued', { count: 1, amount: '¥5.00' })).toBe(
			'1 offline payment (¥5.00) is still waiting to be sent; it will count in the next report.'
		);
		expect(say('close.queued', { count: 4, amount: '¥9.00' })).toBe(
			'4 offline payments (¥9.00) are still waiting to be sent; they will count in the next report.'
		);
		expect(say('offline.lost', { count: 1 })).toBe('The server is missing 1 payment from this tablet. Tell the shop manager.');
		expect(say('offline.lost', { count: 0 })).toBe('The server is missing 0 payments from this tablet. Tell the shop manager.');
	});

	it('the queue banner and the offline count limit', () => {
		expect(say('offline.bannerQueued', { count: 1 })).toBe('1 payment is queued on this tablet, not yet paid.');
		expect(say('offline.capCount', { limit: 1 })).toMatch(/at most 1 payment not yet paid/);
		expect(say('offline.capCount', { limit: 50 })).toMatch(/at most 50 payments not yet paid/);
	});

	it('no English message with a count of 1 says "1 <plural noun>" any more', () => {
		for (const [key, template] of Object.entries(words)) {
			for (const name of ['count', 'total', 'limit']) {
				if (!template.includes(`{${name}`)) continue;
				const text = interpolate(template, { count: 1, total: 1, limit: 1, amount: '¥1.00', hour: '09' }, 'en-GB');
				expect(text, key).not.toMatch(/\b1 (payments|coupons|refunds)\b/);
			}
		}
	});

	it('every plural part is understood, in both dictionaries (none is left as raw notation)', () => {
		for (const dictionary of [en, zh, enManage, zhManage, enCashier, enTopUp, enTopUpsToday, enNotPaid, zhCashier]) {
			for (const [key, template] of Object.entries(dictionary)) {
				const text = interpolate(template, { count: 1, total: 1, limit: 1, sales: 1 }, 'en-GB');
				expect(text, key).not.toContain(', plural,');
			}
		}
	});
});

describe('plural parts', () => {
	it('take an exact form (=0) over the language rule, and leave a part without its number as written', () => {
		const t = '{n, plural, =0 {nothing} one {# thing} other {# things}}';
		expect(choosePlurals(t, { n: 0 }, 'en')).toBe('nothing');
		expect(choosePlurals(t, { n: 1 }, 'en')).toBe('1 thing');
		expect(choosePlurals(t, { n: 7 }, 'en')).toBe('7 things');
		expect(choosePlurals(t, {}, 'en')).toBe(t);
	});

	it('follow the locale: Chinese has one form for every number', () => {
		expect(choosePlurals('{n, plural, one {# one} other {# other}}', { n: 1 }, 'zh-CN')).toBe('1 other');
	});

	it('leave messages without plural parts untouched', () => {
		expect(interpolate(enCashier['offline.queuedShort'], { count: 1 }, 'en-GB')).toBe('1 queued');
	});
});
