/** Campaigns made by the demo shop's manager through the API, for tests that need a coupon of their own. */
import Database from 'better-sqlite3';
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

/**
 * Makes the coupons of the campaign titled so valid at these shops too, each opened as a shop is (a merchant account
 * and the shop), written in the server's SQLite file: a manager's campaign is for their own shop only, and a campaign
 * for several shops is the platform's to make, with no API of its own. `keepOwn: false` takes its own shop (Demo
 * Café) off it, so that it is valid only at the new ones.
 */
export function addCampaignShops(dbFile: string, campaignTitle: string, names: readonly string[], { keepOwn = true } = {}): void {
	const db = new Database(dbFile);
	db.pragma('busy_timeout = 5000');
	const campaign = db.prepare('select id from campaigns where title = ?').get(campaignTitle) as { id: string };
	const cafe = db.prepare(`select * from merchants where handle = 'demo-cafe'`).get() as Record<string, unknown>;
	if (!keepOwn) db.prepare('delete from campaign_merchants where campaign_id = ? and merchant_id = ?').run(campaign.id, cafe.id);
	for (const name of names) {
		const suffix = randomUUID().slice(0, 8);
		const merchantId = `mer_e2e_${suffix}`;
		const accountId = `acc_e2e_${suffix}`;
		db.prepare(`insert into accounts (id, kind, owner_id, currency, min_balance, balance, created_at) values (?, 'merchant', ?, ?, 0, 0, ?)`).run(
			accountId,
			merchantId,
			cafe.currency,
			Date.now()
		);
		db.prepare(
			`insert into merchants (id, handle, name, currency, account_id, offline_payment_max, offline_total_max, offline_count_max, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(merchantId, `e2e-${suffix}`, name, cafe.currency, accountId, cafe.offline_payment_max, cafe.offline_total_max, cafe.offline_count_max, Date.now());
		db.prepare('insert into campaign_merchants (campaign_id, merchant_id) values (?, ?)').run(campaign.id, merchantId);
	}
	db.close();
}

/**
 * Sets the minimum spend of the campaign titled so, in minor units, in the server's SQLite file: for a campaign the
 * API no longer makes (a threshold with a minimum spend above its own, refused as MINIMUM_SPEND_OVER_THRESHOLD)
 * but that a database from before the refusal may still hold.
 */
export function setCampaignMinimumSpend(dbFile: string, campaignTitle: string, amountMinor: number): void {
	const db = new Database(dbFile);
	db.pragma('busy_timeout = 5000');
	const changed = db.prepare('update campaigns set minimum_spend = ? where title = ?').run(amountMinor, campaignTitle).changes;
	db.close();
	expect(changed, campaignTitle).toBe(1);
}
