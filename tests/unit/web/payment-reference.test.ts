import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/lib/api/types';
import { en, type CoreKey } from '../../../src/lib/i18n/en';
import { interpolate, type I18n } from '../../../src/lib/i18n/i18n.svelte';
import { formatMoney } from '../../../src/lib/money/money';
import { foldReference, paymentReference, referenceMatches } from '../../../src/lib/payments/reference';
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

	it('keeps its O, I and L as they are: only matching forgives them', () => {
		expect(paymentReference('pay_0mxafnxb990EpWiBoRNeJ')).toBe('WIBORNEJ');
		expect(paymentReference('pay_0mxafnxb990Ep0l1oILx9')).toBe('0L1OILX9');
	});
});

describe('a reference folded for comparing, as read aloud or typed', () => {
	it('takes O as 0 and I and L as 1, in either case', () => {
		expect(foldReference('WIBORNEJ')).toBe('W180RNEJ');
		expect(foldReference('W1B0RNEJ')).toBe('W180RNEJ');
		expect(foldReference('wibornej')).toBe('W180RNEJ');
		expect(foldReference('oOiIlL01')).toBe('00111101');
	});

	it('drops spaces, a leading "#" and any other mark', () => {
		expect(foldReference('#W1B0 RNEJ')).toBe('W180RNEJ');
		expect(foldReference(' wibo-rnej_ ')).toBe('W180RNEJ');
		expect(foldReference('#')).toBe('');
	});

	it('takes S as 5, B as 8 and Z as 2, as they look alike on a small screen or a faded receipt', () => {
		expect(foldReference('sbz')).toBe('582');
		expect(foldReference('S5B8Z2')).toBe('558822');
	});

	it('leaves the letters and digits that are not confused as they are', () => {
		expect(foldReference('ACDEFGHJKMNPQRTUVWXY3456789')).toBe('ACDEFGHJKMNPQRTUVWXY3456789');
	});
});

describe('a reference typed matches its payment forgivingly', () => {
	const id = 'pay_0mxafnxb990EpWiBoRNeJ';

	it('typed with 0 for O, 1 for I or L, in lower case, with "#" or spaces', () => {
		for (const typed of ['WIBORNEJ', 'W1B0RNEJ', 'w1b0rnej', 'WLBORNEJ', '#W1BORNEJ', 'W1B0 RNEJ', '# wibo rnej']) expect(referenceMatches(id, typed), typed).toBe(true);
	});

	it('the other way round: a 0 or 1 in the reference typed as O, I or L', () => {
		const digits = 'pay_0mxafnxb990Ep70AB1CD9';
		expect(paymentReference(digits)).toBe('70AB1CD9');
		for (const typed of ['7OAB1CD9', '7oABiCD9', '70ABLCD9']) expect(referenceMatches(digits, typed), typed).toBe(true);
	});

	it('S, B and Z read as 5, 8 and 2, and the other way round', () => {
		const looks = 'pay_0mxafnxb990Ep5B8zS2QX';
		expect(paymentReference(looks)).toBe('5B8ZS2QX');
		for (const typed of ['SB8ZS2QX', '588252QX', '5B8Z5ZQX', 's8bz52qx']) expect(referenceMatches(looks, typed), typed).toBe(true);
		expect(referenceMatches(looks, '5B8ZS3QX')).toBe(false);
	});

	it('half a reference, four characters or more, matches; fewer match nothing forgivingly', () => {
		expect(referenceMatches(id, 'W1B0')).toBe(true);
		expect(referenceMatches(id, '0RNEJ')).toBe(true);
		expect(referenceMatches(id, 'W1B')).toBe(false);
		expect(referenceMatches(id, '#')).toBe(false);
	});

	it('another reference does not match, however it is folded', () => {
		expect(referenceMatches(id, 'W1B0RNEK')).toBe(false);
		expect(referenceMatches(id, 'X8KWNW8A')).toBe(false);
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

	it('typed with 0 for O and 1 for I, with a "#", or in two halves, it finds that payment and not another', () => {
		const wibornej = payment('pay_0mxafnxb990EpWiBoRNeJ');
		for (const typed of ['W1B0RNEJ', '#W1B0RNEJ', 'w1b0 rnej', 'W1B 0RNEJ', '#wibornej']) {
			expect(matchesSearch(wibornej, typed, english), typed).toBe(true);
			expect(matchesSearch(other, typed, english), typed).toBe(false);
		}
	});

	it('a reference mistyped with another word still narrows: both must match', () => {
		const wibornej = payment('pay_0mxafnxb990EpWiBoRNeJ');
		expect(matchesSearch(wibornej, 'carol W1B0RNEJ', english)).toBe(true);
		expect(matchesSearch(wibornej, 'dave W1B0RNEJ', english)).toBe(false);
	});

	it('an amount or a name is matched as typed: "10" does not find a payment for its reference’s "IO"', () => {
		const io = payment('pay_0mxafnxb990EpXYIOZZZZ');
		expect(paymentReference(io.id)).toBe('XYIOZZZZ');
		expect(matchesSearch(io, '10', english)).toBe(false);
		expect(matchesSearch(io, 'car0l', english)).toBe(false);
	});

	it('an amount typed finds the sales of that amount, not those whose id holds its digits', () => {
		// The id's time part and random characters hold "25" (and "0m", the same in every sale of the day).
		const unrelated = payment('pay_0mxa25nxb990Ep12x25k8w');
		const twentyFive = { ...payment('pay_0mxafnxb990EpXYIOZZZZ'), amount: cny(2_500), charged: cny(2_500) } as Payment;
		expect(matchesSearch(unrelated, '25', english)).toBe(false);
		expect(matchesSearch(unrelated, '0mx', english)).toBe(false);
		expect(matchesSearch(twentyFive, '25', english)).toBe(true);
		// Three characters of the reference are too few to match it, as in referenceMatches.
		expect(matchesSearch(unrelated, 'X25', english)).toBe(false);
		expect(matchesSearch(unrelated, '2X25', english)).toBe(true);
	});

	it('a whole id, pasted, finds its payment, alone or beside a name', () => {
		const id = 'pay_0mxafnxb990Ep-x8k_NW8b';
		expect(matchesSearch(payment(id), id, english)).toBe(true);
		expect(matchesSearch(payment(id), ` ${id} `, english)).toBe(true);
		expect(matchesSearch(payment(id), `carol ${id}`, english)).toBe(true);
		expect(matchesSearch(payment('pay_0mxafnxb990Qq7yyzzAA11'), id, english)).toBe(false);
		// A part of it that is not its reference: no longer a match.
		expect(matchesSearch(payment(id), 'pay_0mxafnxb', english)).toBe(false);
	});
});
