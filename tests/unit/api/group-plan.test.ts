import { describe, expect, it } from 'vitest';
import { planGroup, type CodeFacts, type GroupFacts, type StoredCoupon } from '../../../api/payments/group-plan.js';
import type { PaymentRequest } from '../../../api/payments/settle.js';

/**
 * A group of payments decided together in memory (group-plan.ts planGroup), without a database: each payment must
 * see what the group's earlier ones did. A campaign's budget is the case here: were the second coupon judged on the
 * budget as stored, both would be approved, and only the campaigns table's check (spent <= budget) would stop the
 * write, sending the whole group down the slow step-by-step path; the API tests cannot tell the two apart.
 */

const NOW = Date.UTC(2026, 11, 6, 12);
const CAFE = 'mer_cafe';

function coupon(id: string, ownerId: string, budget: number | null, spent: number): StoredCoupon {
	return {
		id,
		campaignId: 'cmp_small',
		funding: 'merchant',
		title: 'Three off',
		ownerId,
		state: 'available',
		reservedCodeHash: null,
		reservedUntil: null,
		rule: { kind: 'fixed', off: 300 },
		validFrom: NOW - 86_400_000,
		validUntil: NOW + 86_400_000,
		allMerchants: true,
		merchantIds: [],
		minimumSpend: null,
		budget,
		spent,
	};
}

function code(hash: string, customer: string, couponId: string): CodeFacts {
	return { code_hash: hash, customer_id: customer, coupon_id: couponId, created_at: NOW - 5_000, expires_at: NOW + 55_000, state: 'live', ended_at: null, account_id: `acc_${customer}`, handle: customer };
}

function request(key: string, amount: number): PaymentRequest {
	return { merchantId: CAFE, cashierId: 'csh_1', takenBy: 'csh_1', idempotencyKey: key, requestHash: `h-${key}`, code: `code-${key}`, amount, currency: 'CNY', scannedAt: null, terminalId: null, terminalSeq: null };
}

/** Two customers, each paying 10.00 with their own coupon of one campaign that has `budget` with `spent` of it used. */
function twoCouponsOfOneCampaign(budget: number | null, spent: number) {
	const facts: GroupFacts = {
		now: NOW,
		offlineWindowMs: 86_400_000,
		codes: new Map([
			['hash-a', code('hash-a', 'cus_a', 'cpn_a')],
			['hash-b', code('hash-b', 'cus_b', 'cpn_b')],
		]),
		coupons: new Map([
			['cpn_a', coupon('cpn_a', 'cus_a', budget, spent)],
			['cpn_b', coupon('cpn_b', 'cus_b', budget, spent)],
		]),
		accounts: new Map([
			['acc_cus_a', { id: 'acc_cus_a', currency: 'CNY', min_balance: 0, balance: 5_000 }],
			['acc_cus_b', { id: 'acc_cus_b', currency: 'CNY', min_balance: 0, balance: 5_000 }],
		]),
		merchants: new Map([[CAFE, { accountId: 'acc_cafe', name: 'Demo Café', offlinePaymentMax: 100_000, timeZone: null }]]),
		codesUsedHere: new Set(),
	};
	const planned = planGroup([request('a', 1_000), request('b', 1_000)], ['hash-a', 'hash-b'], facts);
	if (!('plan' in planned)) throw new Error(`the group went step by step: ${planned.steps}`);
	return planned.plan;
}

describe('a group decided together', () => {
	it('a budget that covers one deduction pays the first coupon and declines the second BUDGET_EXHAUSTED', () => {
		const plan = twoCouponsOfOneCampaign(500, 0);
		expect(plan.payments.map((p) => [p.row.status, p.row.reason_detail, p.row.deduction, p.row.charged])).toEqual([
			['succeeded', null, 300, 700],
			['declined', 'BUDGET_EXHAUSTED', 0, 0],
		]);
		expect(plan.campaignSpending.get('cmp_small')).toBe(300);
		expect(plan.redemptions.map((r) => r.couponId)).toEqual(['cpn_a']);
		expect(plan.balanceChanges.get('acc_cus_a')).toBe(-700);
		expect(plan.balanceChanges.get('acc_cus_b') ?? 0).toBe(0);
	});

	it('what the campaign had spent before the group counts too, and a budget for both pays both', () => {
		expect(twoCouponsOfOneCampaign(800, 300).payments.map((p) => p.row.reason_detail)).toEqual([null, 'BUDGET_EXHAUSTED']);
		const both = twoCouponsOfOneCampaign(900, 300);
		expect(both.payments.map((p) => [p.row.status, p.row.deduction])).toEqual([
			['succeeded', 300],
			['succeeded', 300],
		]);
		expect(both.campaignSpending.get('cmp_small')).toBe(600);
	});

	it('a campaign without a budget keeps no count of its spending', () => {
		const plan = twoCouponsOfOneCampaign(null, 0);
		expect(plan.payments.map((p) => p.row.status)).toEqual(['succeeded', 'succeeded']);
		expect(plan.campaignSpending.size).toBe(0);
	});
});
