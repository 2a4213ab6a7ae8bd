import { describe, expect, it } from 'vitest';
import { emptyForm, toCampaign } from '../../../src/routes/cashier/manage/campaign-form';

const NOW = new Date('2026-06-01T12:00:00');

describe('the campaign form', () => {
	it('sends shareable only when the manager ticks it', () => {
		const form = { ...emptyForm(NOW), title: 'Share me', off: '10' };
		expect(toCampaign(form, 'CNY').campaign).not.toHaveProperty('shareable');
		const shared = toCampaign({ ...form, shareable: true }, 'CNY').campaign;
		expect(shared).toMatchObject({ title: 'Share me', rule: { kind: 'fixed', off: 1000 }, shareable: true });
	});

	it("names the API's limits instead of sending what it would refuse in a developer's words", () => {
		const base = { ...emptyForm(NOW), title: 'Limits' };
		const errorsOf = (over: Partial<typeof base>) => toCampaign({ ...base, ...over }, 'CNY').errors;
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
});
