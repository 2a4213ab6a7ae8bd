import { describe, expect, it } from 'vitest';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { signedOutWhyText } from '../../../src/routes/cashier/signed-out-why';

/** The tablet's sign-in screen, signed out by the server: which reason its 401 gave, not every reason there could be. */
const words = (dictionary: Record<string, string>, locale: string) =>
	({ t: (key: string, params?: Record<string, string | number>) => interpolate(dictionary[key]!, params, locale) }) as Parameters<typeof signedOutWhyText>[0];
const en = words(enCashier, 'en-GB');
const zh = words(zhCashier, 'zh-CN');

describe('why the tablet was signed out', () => {
	it('says the reason the server gave, naming the cashier', () => {
		expect(signedOutWhyText(en, { handle: 'dana', reason: 'pin_changed' })).toBe('This tablet was signed out: a manager set a new PIN for dana. Sign in with the new PIN.');
		expect(signedOutWhyText(en, { handle: 'dana', reason: 'signed_out_by_manager' })).toBe(
			'This tablet was signed out: a manager signed dana out on every tablet. The PIN is the same: sign in again.'
		);
		expect(signedOutWhyText(en, { handle: 'dana', reason: 'removed' })).toContain('a manager removed dana from the shop');
		expect(signedOutWhyText(en, { handle: 'dana', reason: 'expired' })).toBe('This tablet was signed out: its sign-in ran out. Sign in again.');
		expect(signedOutWhyText(zh, { handle: 'dana', reason: 'pin_changed' })).toBe('这台平板已退出登录：店长为 dana 设置了新 PIN。请用新 PIN 登录。');
	});

	it('says every reason there could be when the server said none (older than the reason), or for its own sign-out', () => {
		const all = enCashier['cashier.signin.ended'];
		expect(signedOutWhyText(en, { handle: 'dana', reason: null })).toBe(all);
		expect(signedOutWhyText(en, { handle: 'dana', reason: 'signed_out' })).toBe(all);
		expect(signedOutWhyText(en, { handle: '', reason: 'pin_changed' })).toBe(all);
	});
});
