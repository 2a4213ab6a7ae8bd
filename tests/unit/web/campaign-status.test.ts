import { describe, expect, it } from 'vitest';
import { campaignStatus, canGrant, minimumSpendOverThreshold, minimumSpendToShow, type CampaignLimits } from '../../../src/routes/cashier/manage/campaign-status';

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

describe("a campaign's status", () => {
	const now = Date.parse('2026-12-01T06:00:00Z');
	const running: CampaignLimits = {
		rule: { kind: 'fixed', off: 1000 },
		validFrom: '2026-11-01T00:00:00Z',
		validUntil: '2026-12-31T00:00:00Z',
		stock: 100,
		issued: 10,
		budget: yuan(50_000),
		spent: yuan(2000)
	};
	const status = (over: Partial<CampaignLimits>) => campaignStatus({ ...running, ...over }, now);

	it('follows its dates: not started, running, ended (at its end time exactly)', () => {
		expect(status({})).toBe('running');
		expect(status({ validFrom: '2026-12-01T06:00:00.001Z' })).toBe('notStarted');
		expect(status({ validFrom: '2026-12-01T06:00:00Z' })).toBe('running');
		expect(status({ validUntil: '2026-12-01T06:00:00Z' })).toBe('ended');
		expect(status({ validUntil: '2026-12-01T06:00:00.001Z' })).toBe('running');
	});

	it('is sold out once its whole stock is given out; without a stock, never', () => {
		expect(status({ issued: 99 })).toBe('running');
		expect(status({ issued: 100 })).toBe('soldOut');
		expect(status({ stock: null, issued: 1_000_000 })).toBe('running');
	});

	it('has its budget used up once what is left cannot pay for one more saving', () => {
		// ¥10 off with ¥9.99 left: every use would be declined.
		expect(status({ spent: yuan(49_001) })).toBe('budgetUsedUp');
		expect(status({ spent: yuan(49_000) })).toBe('running');
		// A percent saving can be a single fen.
		const percent = { rule: { kind: 'percent', percent: 10, cap: null } } as const;
		expect(status({ ...percent, spent: yuan(49_999) })).toBe('running');
		expect(status({ ...percent, spent: yuan(50_000) })).toBe('budgetUsedUp');
		expect(status({ budget: null, spent: yuan(10_000_000) })).toBe('running');
	});

	it('of a kind of rule this tablet does not know yet (a newer server), is judged as a saving can be a fen, and its minimum spend is said', () => {
		const stepped = { kind: 'stepped', step: 10_000, each: 1_500 } as unknown as CampaignLimits['rule'];
		expect(status({ rule: stepped, spent: yuan(49_999) })).toBe('running');
		expect(status({ rule: stepped, spent: yuan(50_000) })).toBe('budgetUsedUp');
		expect(minimumSpendToShow({ rule: stepped, minimumSpend: yuan(2000) })).toEqual(yuan(2000));
		expect(minimumSpendOverThreshold({ rule: stepped, minimumSpend: yuan(2000) })).toBeNull();
	});

	it('says ended before anything else, and sold out before not started', () => {
		expect(status({ validUntil: '2026-11-30T00:00:00Z', issued: 100, spent: yuan(50_000) })).toBe('ended');
		expect(status({ validFrom: '2026-12-24T00:00:00Z', issued: 100 })).toBe('soldOut');
	});

	it('lets a manager give coupons only of a campaign that has not ended and is not sold out', () => {
		expect(canGrant('running')).toBe(true);
		expect(canGrant('notStarted')).toBe(true);
		expect(canGrant('budgetUsedUp')).toBe(true);
		expect(canGrant('ended')).toBe(false);
		expect(canGrant('soldOut')).toBe(false);
	});
});

describe('a campaign saved before a minimum spend above its threshold was refused', () => {
	it('is found, with both amounts, so its page can say which orders its coupons are declined on', () => {
		expect(minimumSpendOverThreshold({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: yuan(8000) })).toEqual({ threshold: yuan(5000), spend: yuan(8000) });
	});

	it('is not any other campaign: a minimum spend at or below the threshold, none, or a rule without a threshold', () => {
		expect(minimumSpendOverThreshold({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: yuan(5000) })).toBeNull();
		expect(minimumSpendOverThreshold({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: yuan(2000) })).toBeNull();
		expect(minimumSpendOverThreshold({ rule: { kind: 'threshold', minimum: 5000, off: 1000 }, minimumSpend: null })).toBeNull();
		expect(minimumSpendOverThreshold({ rule: { kind: 'fixed', off: 500 }, minimumSpend: yuan(8000) })).toBeNull();
	});
});
