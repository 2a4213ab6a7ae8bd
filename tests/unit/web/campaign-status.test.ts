import { describe, expect, it } from 'vitest';
import { minimumSpendToShow } from '../../../src/routes/cashier/manage/campaign-status';

const yuan = (amount: number) => ({ amount, currency: 'CNY' });

describe('the minimum spend a poster and the campaign list say', () => {
	it('is the campaign’s minimum spend, so a customer knows before the counter declines them', () => {
		expect(minimumSpendToShow({ rule: { kind: 'percent', percent: 10, cap: 600 }, minimumSpend: yuan(2000) })).toEqual(yuan(2000));
		expect(minimumSpendToShow({ rule: { kind: 'fixed', off: 500 }, minimumSpend: yuan(3000) })).toEqual(yuan(3000));
	});

	it('is not said when there is none, or when the rule already names as much', () => {
		expect(minimumSpendToShow({ rule: { kind: 'fixed', off: 500 }, minimumSpend: null })).toBeNull();
		expect(minimumSpendToShow({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: yuan(2000) })).toBeNull();
		expect(minimumSpendToShow({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: yuan(5000) })).toBeNull();
		// A minimum spend above the rule's own minimum is the one that decides.
		expect(minimumSpendToShow({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: yuan(6000) })).toEqual(yuan(6000));
	});
});
