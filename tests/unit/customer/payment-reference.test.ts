import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/lib/api/types';
import { paymentReference } from '../../../src/lib/customer/payment-reference';
import { en, type CoreKey } from '../../../src/lib/i18n/en';
import { interpolate, type I18n } from '../../../src/lib/i18n/i18n.svelte';
import { formatMoney } from '../../../src/lib/money/money';
import { matchesSearch } from '../../../src/routes/cashier/payments/search';

const english = {
	t: (key: CoreKey, params?: Record<string, string | number>) => interpolate(en[key], params, 'en-GB'),
	money: (m: { amount: number; currency: string }) => formatMoney(m, 'en-GB')
} as unknown as I18n;
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const payment = (id: string) =>
	({ id, status: 'succeeded', amount: cny(5_000), charged: cny(4_500), deduction: cny(500), customerHandle: 'carol', couponTitle: null, couponRule: null }) as unknown as Payment;

describe('a payment’s short reference, as the customer’s phone shows it', () => {
	it('is the id’s last eight letters and digits, upper-cased', () => {
		expect(paymentReference('pay_0mxafnxb990EpFx8kwNW8a')).toBe('X8KWNW8A');
	});

	it('leaves out the "-" and "_" a random id may hold: said aloud, they are easily lost', () => {
		expect(paymentReference('pay_0mxafnxb990EpFx8kwNW8_')).toBe('FX8KWNW8');
		expect(paymentReference('pay_0mxafnxb990Ep-x8k_NW8b')).toBe('PX8KNW8B');
	});
});

describe('the cashier’s search finds a payment by the reference the customer reads out', () => {
	// A "-" and a "_" within its last eight: the reference is not a part of the id.
	const withUnderscore = payment('pay_0mxafnxb990Ep-x8k_NW8b');
	const other = payment('pay_0mxafnxb990Qq7yyzzAA11');

	it('typed as shown, or in lower case, it finds that payment and not another of the day', () => {
		for (const typed of ['PX8KNW8B', 'px8knw8b', ' PX8KNW8B ']) {
			expect(matchesSearch(withUnderscore, typed, english)).toBe(true);
			expect(matchesSearch(other, typed, english)).toBe(false);
		}
	});

	it('a reference of another payment finds nothing here', () => {
		expect(matchesSearch(withUnderscore, paymentReference(other.id), english)).toBe(false);
	});
});
