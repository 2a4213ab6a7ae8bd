import { describe, expect, it } from 'vitest';
import { en } from '../../../src/lib/i18n/en';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { enManage } from '../../../src/lib/i18n/en-manage';
import { zhManage } from '../../../src/lib/i18n/zh-manage';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { zh } from '../../../src/lib/i18n/zh';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { formatCount } from '../../../src/lib/money/money';

describe('counts written as the language writes numbers', () => {
	it('groups thousands in English and in Chinese ("1,234", not "1234")', () => {
		expect(formatCount(1234, 'en-GB')).toBe('1,234');
		expect(formatCount(1234567, 'zh-CN')).toBe('1,234,567');
		expect(formatCount(999, 'en-GB')).toBe('999');
		expect(formatCount(0, 'zh-CN')).toBe('0');
	});

	it('in a sentence: a number placeholder and a plural part alike', () => {
		expect(interpolate(enCashier['payments.summary'], { count: 1234, amount: '¥5.00' }, 'en-GB')).toBe('1,234 paid · shop receives ¥5.00');
		expect(interpolate(zhCashier['payments.summary'], { count: 1234, amount: '¥5.00' }, 'zh-CN')).toBe('1,234 笔已付款 · 商户实收 ¥5.00');
		expect(interpolate(enManage['report.declined'], { count: 10_000 }, 'en-GB')).toBe('10,000 declined');
		expect(interpolate(enCashier['offline.lost'], { count: 1001 }, 'en-GB')).toBe('The server is missing 1,001 payments from this tablet. Tell the shop manager.');
		expect(interpolate(enManage['report.chartLabel'], { total: 2500, hour: '09', count: 1200 }, 'en-GB')).toBe('2,500 payments; busiest hour 09:00 with 1,200.');
	});

	it('leaves text as given: a number that names (a Z report’s No.) is passed as text and not grouped', () => {
		expect(interpolate(enManage['close.zHeading'], { number: '1234' }, 'en-GB')).toBe('Z report No. 1234');
		expect(interpolate(zhManage['close.zHeading'], { number: '1234' }, 'zh-CN')).toBe('Z 报表 第 1234 号');
	});
});
