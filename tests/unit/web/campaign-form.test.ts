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
});
