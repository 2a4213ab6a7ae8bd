import { describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/lib/api/distribution';
import { limitsForm, toCampaignChange } from '../../../src/routes/cashier/manage/[id]/limits-form';

const SHOP = 'Asia/Shanghai';
const NOW = new Date('2026-12-01T06:00:00Z'); // 14:00 at the shop
const yuan = (amount: number) => ({ amount, currency: 'CNY' });
const campaign: CampaignView = {
	id: 'cmp_1',
	title: 'Ten off',
	rule: { kind: 'fixed', off: 1000 },
	funding: 'merchant',
	validFrom: '2026-11-30T16:00:00.000Z',
	validUntil: '2026-12-10T15:59:00.000Z',
	minimumSpend: null,
	stock: 100,
	issued: 40,
	perCustomerLimit: 1,
	budget: yuan(50_000),
	spent: yuan(12_000),
	shareable: false
};

describe('the Edit limits form', () => {
	const form = limitsForm(campaign, SHOP);
	const changeOf = (over: Partial<typeof form>, c: CampaignView = campaign) => toCampaignChange({ ...form, ...over }, c, SHOP, NOW);

	it("starts as the campaign stands, its end on the shop's clock", () => {
		expect(form).toEqual({ validUntil: '2026-12-10T23:59', stock: '100', budget: '500.00' });
		expect(changeOf({})).toEqual({ change: {}, errors: {} });
	});

	it('sends only what the manager changed', () => {
		// 23:59 is the whole day: the next day's 00:00 (campaign-end.test.ts).
		expect(changeOf({ validUntil: '2026-12-31T23:59' })).toEqual({ change: { validUntil: '2026-12-31T16:00:00.000Z' }, errors: {} });
		expect(changeOf({ stock: '150', budget: '800' })).toEqual({ change: { stock: 150, budget: yuan(80_000) }, errors: {} });
		// Shortening is allowed, as long as the end is still to come.
		expect(changeOf({ validUntil: '2026-12-01T14:01' }).change).toEqual({ validUntil: '2026-12-01T06:01:00.000Z' });
	});

	it('refuses an end already past or before the start, at the end date', () => {
		expect(changeOf({ validUntil: '2026-12-01T14:00' }).errors).toEqual({ validUntil: 'past' });
		expect(changeOf({ validUntil: '2026-11-30T12:00' }).errors).toEqual({ validUntil: 'order' });
		expect(changeOf({ validUntil: '' }).errors).toEqual({ validUntil: 'required' });
	});

	it('only raises the stock and the budget, as the API does, and names their limits', () => {
		expect(changeOf({ stock: '99' }).errors).toEqual({ stock: 'stockBelow' });
		expect(changeOf({ stock: '0' }).errors).toEqual({ stock: 'stockRange' });
		expect(changeOf({ stock: '10000001' }).errors).toEqual({ stock: 'stockRange' });
		expect(changeOf({ stock: '1.5' }).errors).toEqual({ stock: 'stockRange' });
		expect(changeOf({ budget: '499.99' }).errors).toEqual({ budget: 'budgetBelow' });
		expect(changeOf({ budget: '5,5' }).errors).toEqual({ budget: 'amount' });
		expect(changeOf({ budget: '' }).errors).toEqual({ budget: 'required' });
		expect(changeOf({ budget: '999999999.99' }).errors).toEqual({ budget: 'budgetMax' });
	});

	it('reads a new stock typed in full-width digits or grouped in thousands', () => {
		expect(changeOf({ stock: '１５０' })).toEqual({ change: { stock: 150 }, errors: {} });
		expect(changeOf({ stock: '1,000' })).toEqual({ change: { stock: 1000 }, errors: {} });
		expect(changeOf({ stock: '1,0' }).errors).toEqual({ stock: 'stockRange' });
	});

	it('leaves alone a limit the campaign does not have (none can be added)', () => {
		const unlimited = { ...campaign, stock: null, budget: null };
		const f = limitsForm(unlimited, SHOP);
		expect(f).toMatchObject({ stock: '', budget: '' });
		expect(toCampaignChange({ ...f, stock: '5', budget: '5' }, unlimited, SHOP, NOW)).toEqual({ change: {}, errors: {} });
	});

	it('reads and writes the budget in the currency’s own units (yen have no fraction)', () => {
		const yen: CampaignView = { ...campaign, budget: { amount: 50_000, currency: 'JPY' }, spent: { amount: 1_200, currency: 'JPY' } };
		const yenForm = limitsForm(yen, SHOP);
		expect(yenForm.budget).toBe('50000');
		expect(toCampaignChange(yenForm, yen, SHOP, NOW)).toEqual({ change: {}, errors: {} });
		expect(toCampaignChange({ ...yenForm, budget: '80000' }, yen, SHOP, NOW).change).toEqual({ budget: { amount: 80_000, currency: 'JPY' } });
	});
});
