import { describe, expect, it } from 'vitest';
import { emptyForm, openExposure, toCampaign } from '../../../src/routes/cashier/manage/campaign-form';

const NOW = new Date('2026-06-01T12:00:00Z');
const SHOP = 'Asia/Shanghai';

describe('the campaign form', () => {
	it("reads and writes its dates on the shop's clock, whatever zone the tablet is in", () => {
		// 12:00 UTC is 20:00 in Shanghai: the form starts at the shop's now, and ends at the end of the shop's day
		// 30 days later (not at 20:00 that day, when a poster saying "Valid until 1 Jul" is still believed).
		const form = emptyForm(NOW, SHOP);
		expect(form.validFrom).toBe('2026-06-01T20:00');
		expect(form.validUntil).toBe('2026-07-01T23:59');
		// 20:00 UTC is already 2 June in Shanghai: the day thirty days on is the shop's, 2 July.
		expect(emptyForm(new Date('2026-06-01T20:00:00Z'), SHOP).validUntil).toBe('2026-07-02T23:59');
		// "Valid 2 Dec 00:00 – 23:59" is the shop's whole day, not 08:00 to 07:59 the next day (its last minute too:
		// the end is exclusive, so 23:59 is sent as the next day's 00:00; campaign-end.test.ts).
		const { campaign } = toCampaign({ ...form, title: 'One day', off: '5', validFrom: '2026-12-02T00:00', validUntil: '2026-12-02T23:59' }, 'CNY', SHOP, NOW);
		expect(campaign).toMatchObject({ validFrom: '2026-12-01T16:00:00.000Z', validUntil: '2026-12-02T16:00:00.000Z' });
		const utc = toCampaign({ ...form, title: 'One day', off: '5', validFrom: '2026-12-02T00:00', validUntil: '2026-12-02T23:59' }, 'CNY', 'UTC', NOW);
		expect(utc.campaign).toMatchObject({ validFrom: '2026-12-02T00:00:00.000Z', validUntil: '2026-12-03T00:00:00.000Z' });
	});

	it('sends shareable only when the manager ticks it', () => {
		const form = { ...emptyForm(NOW, SHOP), title: 'Share me', off: '10' };
		expect(toCampaign(form, 'CNY', SHOP, NOW).campaign).not.toHaveProperty('shareable');
		const shared = toCampaign({ ...form, shareable: true }, 'CNY', SHOP, NOW).campaign;
		expect(shared).toMatchObject({ title: 'Share me', rule: { kind: 'fixed', off: 1000 }, shareable: true });
	});

	it("names the API's limits instead of sending what it would refuse in a developer's words", () => {
		const base = { ...emptyForm(NOW, SHOP), title: 'Limits' };
		const errorsOf = (over: Partial<typeof base>) => toCampaign({ ...base, ...over }, 'CNY', SHOP, NOW).errors;
		expect(errorsOf({ off: '9999999.99' })).toEqual({ off: 'amountMax' });
		expect(errorsOf({ off: '99999999999' })).toEqual({ off: 'amountMax' });
		expect(errorsOf({ off: '1000000' })).toEqual({});
		expect(errorsOf({ off: '5', budget: '999999999.99' })).toEqual({ budget: 'budgetMax' });
		expect(errorsOf({ off: '5', stock: '10000001' })).toEqual({ stock: 'stockRange' });
		expect(errorsOf({ off: '5', stock: '10000000' })).toEqual({});
		expect(errorsOf({ off: '5', perCustomerLimit: '1001' })).toEqual({ perCustomerLimit: 'limitRange' });
		expect(errorsOf({ off: '5', perCustomerLimit: '0' })).toEqual({ perCustomerLimit: 'limitRange' });
		// A budget smaller than one fixed saving could never pay for a use.
		expect(errorsOf({ off: '20', budget: '5' })).toEqual({ budget: 'budgetBelowOff' });
		expect(errorsOf({ off: '20', budget: '20' })).toEqual({});
		expect(errorsOf({ kind: 'percent', percent: '10', budget: '5' })).toEqual({});
		// "5,5" is not read as 55.
		expect(errorsOf({ kind: 'percent', percent: '20', cap: '5,5' })).toEqual({ cap: 'amount' });
	});

	it('reads a count as the manager meant it: full-width digits, thousands grouped, a percent sign', () => {
		const base = { ...emptyForm(NOW, SHOP), title: 'Counts', kind: 'percent' as const };
		const made = (over: Partial<typeof base>) => toCampaign({ ...base, ...over }, 'CNY', SHOP, NOW);
		// "１５" from a Chinese IME in full-width mode; "10,000" as the form's own message writes the limit.
		expect(made({ percent: '１５', stock: '10,000', perCustomerLimit: '２' })).toMatchObject({
			errors: {},
			campaign: { rule: { kind: 'percent', percent: 15 }, stock: 10_000, perCustomerLimit: 2 }
		});
		expect(made({ percent: '20%', stock: '１，０００' }).campaign).toMatchObject({ rule: { percent: 20 }, stock: 1000 });
		expect(made({ percent: '２０％' }).campaign).toMatchObject({ rule: { percent: 20 } });
		// Still no whole number: refused as before.
		expect(made({ percent: '12.5' }).errors).toEqual({ percent: 'percent' });
		expect(made({ percent: '10', stock: '5,5' }).errors).toEqual({ stock: 'stockRange' });
		expect(made({ percent: '10', stock: '1.5' }).errors).toEqual({ stock: 'stockRange' });
		expect(made({ percent: '10', perCustomerLimit: '-1' }).errors).toEqual({ perCustomerLimit: 'limitRange' });
		expect(made({ percent: '10', stock: '20%' }).errors).toEqual({ stock: 'stockRange' });
	});

	it("takes a threshold's own minimum as its minimum spend: none other is sent, whatever was typed under another kind", () => {
		const form = { ...emptyForm(NOW, SHOP), title: 'Big basket', kind: 'threshold' as const, minimum: '50', off: '10', minimumSpend: '80' };
		const { campaign, errors } = toCampaign(form, 'CNY', SHOP, NOW);
		expect(errors).toEqual({});
		expect(campaign).toMatchObject({ rule: { kind: 'threshold', minimum: 5000, off: 1000 } });
		expect(campaign).not.toHaveProperty('minimumSpend');
		// Nor is a minimum spend the field no longer shows refused.
		expect(toCampaign({ ...form, minimumSpend: 'abc' }, 'CNY', SHOP, NOW).errors).toEqual({});
	});

	it('refuses an end that has already passed, at the end date field', () => {
		const form = { ...emptyForm(NOW, SHOP), title: 'November', off: '5' };
		// 20:00 in Shanghai is NOW: a campaign ending then has ended.
		expect(toCampaign({ ...form, validFrom: '2026-05-01T00:00', validUntil: '2026-05-20T00:00' }, 'CNY', SHOP, NOW).errors).toEqual({ validUntil: 'past' });
		expect(toCampaign({ ...form, validFrom: '2026-05-01T00:00', validUntil: '2026-06-01T20:00' }, 'CNY', SHOP, NOW).errors).toEqual({ validUntil: 'past' });
		expect(toCampaign({ ...form, validFrom: '2026-05-01T00:00', validUntil: '2026-06-01T20:01' }, 'CNY', SHOP, NOW).errors).toEqual({});
		// An end before the start is named as that first.
		expect(toCampaign({ ...form, validFrom: '2026-05-20T00:00', validUntil: '2026-05-01T00:00' }, 'CNY', SHOP, NOW).errors).toEqual({ validUntil: 'order' });
	});

	it('refuses a fixed saving larger than the minimum spend, as it does a threshold saving larger than its minimum', () => {
		const form = { ...emptyForm(NOW, SHOP), title: 'Ten off' };
		const errorsOf = (over: Partial<typeof form>) => toCampaign({ ...form, ...over }, 'CNY', SHOP, NOW).errors;
		// "¥10 off, minimum spend ¥5": a ¥6 order would pay nothing.
		expect(errorsOf({ off: '10', minimumSpend: '5' })).toEqual({ off: 'overMinimumSpend' });
		expect(errorsOf({ off: '10', minimumSpend: '9.99' })).toEqual({ off: 'overMinimumSpend' });
		expect(errorsOf({ off: '10', minimumSpend: '10' })).toEqual({});
		expect(errorsOf({ off: '10', minimumSpend: '20' })).toEqual({});
		expect(errorsOf({ off: '10' })).toEqual({});
		// A minimum spend that is not an amount is named on its own field only.
		expect(errorsOf({ off: '10', minimumSpend: 'five' })).toEqual({ minimumSpend: 'amount' });
		expect(errorsOf({ kind: 'threshold', minimum: '4', off: '8' })).toEqual({ off: 'tooBig' });
	});

	it('reads a minimum spend of 0 as none, as the API does, rather than asking for an amount', () => {
		const form = { ...emptyForm(NOW, SHOP), title: 'Tenth off', kind: 'percent' as const, percent: '10' };
		for (const zero of ['0', '0.00', '¥0', '０']) {
			const { campaign, errors } = toCampaign({ ...form, minimumSpend: zero }, 'CNY', SHOP, NOW);
			expect(errors, zero).toEqual({});
			expect(campaign, zero).not.toHaveProperty('minimumSpend');
		}
		expect(toCampaign({ ...form, minimumSpend: '-1' }, 'CNY', SHOP, NOW).errors).toEqual({ minimumSpend: 'amount' });
	});

	it('reads amounts in the currency’s own units: ¥500 off in yen is 500, not 50,000', () => {
		const form = { ...emptyForm(NOW, SHOP), title: 'Yen off', off: '500', minimumSpend: '3000', budget: '100000' };
		expect(toCampaign(form, 'JPY', SHOP, NOW).campaign).toMatchObject({
			rule: { kind: 'fixed', off: 500 },
			minimumSpend: { amount: 3000, currency: 'JPY' },
			budget: { amount: 100_000, currency: 'JPY' }
		});
		// Yen has no fraction: "5.50" is not an amount there.
		expect(toCampaign({ ...form, off: '5.50' }, 'JPY', SHOP, NOW).errors).toEqual({ off: 'amount' });
	});
});

/**
 * A campaign made with no budget and no stock can never be limited afterwards (BUDGET_NOT_RAISED, STOCK_NOT_RAISED);
 * one tap on "100% off" made every holder's order free until someone ended it. Such a campaign with a large saving
 * is summed up for the manager to confirm first.
 */
describe('a campaign nothing would limit', () => {
	const form = (f: Partial<ReturnType<typeof emptyForm>>) => toCampaign({ ...emptyForm(NOW, SHOP), title: 'Test', ...f }, 'CNY', SHOP, NOW).campaign!;

	it('is asked about when its percent is half or more with no cap, or its fixed saving has no minimum spend', () => {
		expect(openExposure(form({ kind: 'percent', percent: '100' }))).toEqual({ kind: 'percent', percent: 100 });
		expect(openExposure(form({ kind: 'percent', percent: '50' }))).toEqual({ kind: 'percent', percent: 50 });
		expect(openExposure(form({ kind: 'fixed', off: '3' }))).toEqual({ kind: 'fixed', off: 300 });
	});

	it('is not, once a budget or a stock limits it, or its saving is capped, small, or held to a minimum', () => {
		expect(openExposure(form({ kind: 'percent', percent: '100', budget: '100' }))).toBeNull();
		expect(openExposure(form({ kind: 'percent', percent: '100', stock: '10' }))).toBeNull();
		expect(openExposure(form({ kind: 'percent', percent: '100', cap: '20' }))).toBeNull();
		expect(openExposure(form({ kind: 'percent', percent: '49' }))).toBeNull();
		expect(openExposure(form({ kind: 'fixed', off: '3', minimumSpend: '10' }))).toBeNull();
		expect(openExposure(form({ kind: 'threshold', minimum: '50', off: '10' }))).toBeNull();
	});
});
