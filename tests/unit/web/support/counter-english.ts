/**
 * English as the counter says it, on a UTC shop clock, for tests of the counter's words without a browser (I18n is a
 * rune class that needs the Svelte compiler): the core words and the cashier's.
 */
import { en } from '../../../../src/lib/i18n/en';
import { enCashier } from '../../../../src/lib/i18n/en-cashier';
import { interpolate, type I18n } from '../../../../src/lib/i18n/i18n.svelte';
import { formatMoney } from '../../../../src/lib/money/money';

const words = { ...en, ...enCashier } as Record<string, string>;

export const counterEnglish = {
	t: (key: string, params?: Record<string, string | number>) => interpolate(words[key]!, params, 'en-GB'),
	money: (m: { amount: number; currency: string }) => formatMoney(m, 'en-GB'),
	time: (iso: string) => iso.slice(11, 16),
	date: (iso: string) => iso.slice(0, 10),
	dateTime: (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
} as unknown as I18n;
