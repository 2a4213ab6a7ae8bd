import { describe, expect, it } from 'vitest';
import type { Money } from '../../../src/lib/api/types';
import { enCashier } from '../../../src/lib/i18n/en-cashier';
import { interpolate } from '../../../src/lib/i18n/i18n.svelte';
import { zhCashier } from '../../../src/lib/i18n/zh-cashier';
import { formatMoney } from '../../../src/lib/money/money';
import type { PendingCode } from '../../../src/routes/cashier/counter.svelte';
import { saleBegun, signOutButtons, signOutLoses, signOutWords, unfinishedSaleText, type SignOutState } from '../../../src/routes/cashier/sign-out-words';

/** What Sign out asks first, in the cashier's words (I18n is a rune class that needs the Svelte compiler). */
const words = (dictionary: Record<string, string>, locale: string) => ({
	t: (key: string, params?: Record<string, string | number>) => interpolate(dictionary[key]!, params, locale),
	money: (m: Money) => formatMoney(m, locale)
});
const en = words(enCashier as Record<string, string>, 'en-GB');
const zh = words(zhCashier as Record<string, string>, 'zh-CN');
const cny = (amount: number): Money => ({ amount, currency: 'CNY' });
const CODE = '881234567890123456';
const pending = { code: CODE, scannedAt: new Date('2026-12-05T10:00:00Z'), source: 'scanner' } as PendingCode;
const state = (fields: Partial<SignOutState> = {}): SignOutState => ({ unsent: 0, declinedWhileAsked: 0, unfinishedSale: null, offlineWindowMs: undefined, ...fields });

describe('the sale begun at the counter as Sign out is tapped', () => {
	it('is the amount keyed, the code taken, or both', () => {
		expect(saleBegun({ amountText: '38.5', pending: null }, 'CNY')).toEqual({ amount: cny(3850), last4: null });
		expect(saleBegun({ amountText: '', pending }, 'CNY')).toEqual({ amount: null, last4: '3456' });
		expect(saleBegun({ amountText: '12', pending }, 'CNY')).toEqual({ amount: cny(1200), last4: '3456' });
	});

	it('is none when nothing is keyed or taken, the amount is nought, or there is no sign-in to say the currency', () => {
		expect(saleBegun(null, 'CNY')).toBeNull();
		expect(saleBegun({ amountText: '', pending: null }, 'CNY')).toBeNull();
		expect(saleBegun({ amountText: '0.00', pending: null }, 'CNY')).toBeNull();
		expect(saleBegun({ amountText: '12', pending }, undefined)).toBeNull();
	});

	it("is read in the currency's own digits (a yen amount has none)", () => {
		expect(saleBegun({ amountText: '500', pending: null }, 'JPY')).toEqual({ amount: { amount: 500, currency: 'JPY' }, last4: null });
	});
});

describe('the sign-out question', () => {
	it('says the payments unsent first, with how old one may be when it is sent', () => {
		const words = signOutWords(en, state({ unsent: 2, declinedWhileAsked: 1, unfinishedSale: { amount: cny(100), last4: null } }));
		expect(words.title).toBe('Payments not sent yet');
		expect(words.text).toContain('2 payments taken offline are still on this tablet');
		expect(words.text).toContain('older than 24 hours is declined');
	});

	it("says the server's window as it gives it: in hours when whole, in minutes otherwise", () => {
		expect(signOutWords(en, state({ unsent: 1, offlineWindowMs: 2 * 3_600_000 })).text).toContain('older than 2 hours');
		expect(signOutWords(en, state({ unsent: 1, offlineWindowMs: 90 * 60_000 })).text).toContain('older than 90 minutes');
		expect(signOutWords(en, state({ unsent: 1, offlineWindowMs: 3_600_000 })).text).toContain('1 payment taken offline is still');
	});

	it('once the queue has gone, says those declined while it was open, not "All payments sent"', () => {
		const words = signOutWords(en, state({ declinedWhileAsked: 1 }));
		expect(words.title).toBe('A payment was declined');
		expect(words.text).toContain('Declined after sending');
		expect(signOutWords(en, state({ declinedWhileAsked: 3 })).title).toBe('3 payments were declined');
	});

	it('with only a sale unfinished, has a title and lets the sale say the rest', () => {
		expect(signOutWords(en, state({ unfinishedSale: { amount: cny(3850), last4: null } }))).toEqual({ title: 'A sale is not finished', text: '' });
	});

	it('with nothing left, says all payments were sent', () => {
		expect(signOutWords(en, state()).title).toBe('All payments sent');
		expect(signOutWords(zh, state()).title).toBe(zhCashier['signout.allSentTitle']);
	});

	it('names the unfinished sale by its amount, its code, or both', () => {
		expect(unfinishedSaleText(en, null)).toBe('');
		expect(unfinishedSaleText(en, { amount: cny(3850), last4: null })).toBe(`${formatMoney(cny(3850), 'en-GB')} is keyed and not charged yet. Signing out clears it.`);
		expect(unfinishedSaleText(en, { amount: null, last4: '3456' })).toContain('code ending 3456');
		const both = unfinishedSaleText(en, { amount: cny(3850), last4: '3456' });
		expect(both).toContain(formatMoney(cny(3850), 'en-GB'));
		expect(both).toContain('code ending 3456');
	});
});

describe("the sign-out question's warning and buttons", () => {
	it('warns while signing out would lose something: a sale unsent, declined or unfinished', () => {
		expect(signOutLoses(state())).toBe(false);
		expect(signOutLoses(state({ unsent: 1 }))).toBe(true);
		expect(signOutLoses(state({ declinedWhileAsked: 1 }))).toBe(true);
		expect(signOutLoses(state({ unfinishedSale: { amount: null, last4: '3456' } }))).toBe(true);
	});

	it('with sales unsent or a sale unfinished, offers to stay, and to sign out anyway as the danger', () => {
		for (const s of [state({ unsent: 1 }), state({ unfinishedSale: { amount: cny(100), last4: null } }), state({ unsent: 1, declinedWhileAsked: 1 })]) {
			expect(signOutButtons(s)).toEqual({ stay: { variant: 'primary', seeDeclined: false }, leave: { variant: 'danger', anyway: true } });
		}
	});

	it('once the queue has gone with one declined, leads to the declined list first, and signs out plainly', () => {
		expect(signOutButtons(state({ declinedWhileAsked: 2 }))).toEqual({ stay: { variant: 'primary', seeDeclined: true }, leave: { variant: 'secondary', anyway: false } });
	});

	it('once all have gone, makes signing out the first choice', () => {
		expect(signOutButtons(state())).toEqual({ stay: { variant: 'secondary', seeDeclined: false }, leave: { variant: 'primary', anyway: false } });
	});
});
