/**
 * The shop owner's screens, as the owner reads them: a campaign's figures that add up, a printed day report that
 * says which day it is, and the grant form's refusals in words.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

type Owner = { token: string };

async function ownerCall(base: string, owner: Owner, path: string, body: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
	const res = await fetch(`${base}/api${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify(body)
	});
	return { status: res.status, data: (await res.json()) as Record<string, unknown> };
}

async function makeCampaign(base: string, owner: Owner, title: string): Promise<string> {
	const made = await ownerCall(base, owner, '/campaigns', {
		title,
		rule: { kind: 'fixed', off: 300 },
		validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
		stock: 5
	});
	expect(made.status).toBe(201);
	return (made.data.campaign as { id: string }).id;
}

test("an ended campaign's Figures page counts its unused coupons as expired, so the figures add up to Issued", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const id = await makeCampaign(server.url, owner, 'Ends early');
	for (const customer of ['alice', 'bob']) expect((await ownerCall(server.url, owner, `/campaigns/${id}/grants`, { customer })).status).toBe(201);
	expect((await ownerCall(server.url, owner, `/campaigns/${id}/end`, {})).status).toBe(200);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	const stat = (key: string) => page.getByTestId(`stat-${key}`);
	await expect(stat('issued')).toHaveText('2');
	await expect(stat('expired')).toHaveText('2');
	await expect(page.getByTestId('campaign-stats')).toContainText('Expired unused');
	let parts = 0;
	for (const key of ['available', 'reserved', 'redeemed', 'expired', 'shared']) parts += Number(await stat(key).textContent());
	expect(parts).toBe(2);
	await captureBoth(page, 'qa-owner-campaign-ended-figures');
});
