/** Campaigns made by the demo shop's manager through the API, for tests that need a coupon of their own. */
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { cashierSession } from './api';

export interface CampaignRequest {
	title: string;
	rule: { kind: 'fixed'; off: number } | { kind: 'percent'; percent: number; cap: number | null } | { kind: 'threshold'; minimum: number; off: number };
	validUntil: string;
	validFrom?: string;
	minimumSpend?: { amount: number; currency: string };
	/** Whether its coupons may be offered to a friend (a share link). */
	shareable?: boolean;
}

/** A campaign of Demo Café and one coupon of it given to the customer with this handle. */
export async function grantCampaign(base: string, customer: string, campaign: CampaignRequest): Promise<void> {
	const owner = await cashierSession(base, 'demo-cafe', 'owner', '9999');
	const post = async (path: string, body: unknown) => {
		const res = await fetch(`${base}/api${path}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
			body: JSON.stringify(body)
		});
		expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
		return (await res.json()) as { campaign: { id: string } };
	};
	const { campaign: made } = await post('/campaigns', campaign);
	await post(`/campaigns/${made.id}/grants`, { customer });
}

/** A new customer with an empty wallet (the sign-up the app offers). */
export async function signUpCustomer(base: string, handle: string, pin: string): Promise<void> {
	const res = await fetch(`${base}/api/customers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ handle, pin }) });
	expect(res.status).toBe(201);
}
