/**
 * A campaign's poster in English said its offer twice: "Scan to get ¥5 off" as its heading, and "¥5 off" again under
 * the QR, the campaign's title, which only restates the rule (the demo's titles all do). A title that restates the
 * offer is left off the poster, in either language; a title that names something ("Window poster") stays.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

async function newCampaign(base: string, token: string, title: string): Promise<string> {
	const made = await fetch(`${base}/api/campaigns`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ title, rule: { kind: 'fixed', off: 500 }, validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() })
	});
	expect(made.status).toBe(201);
	return ((await made.json()) as { campaign: { id: string } }).campaign.id;
}

test('the poster does not repeat a title that only restates its offer, and keeps one that names something', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const restating = await newCampaign(server.url, owner.token, '¥5 off');
	const named = await newCampaign(server.url, owner.token, 'Window poster');

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${restating}/poster`);
	const poster = page.getByTestId('poster');
	await expect(poster.getByRole('heading', { level: 1 })).toHaveText('Scan to get ¥5 off');
	await expect(poster.getByTestId('claim-url')).toBeVisible();
	await expect(poster.getByTestId('poster-title')).toHaveCount(0);
	expect((await poster.innerText()).match(/¥5 off/g)).toHaveLength(1);
	await screenshot(page, 'qa-owner-poster-title');

	await page.goto(`/cashier/manage/${named}/poster`);
	await expect(poster.getByRole('heading', { level: 1 })).toHaveText('Scan to get ¥5 off');
	await expect(poster.getByTestId('poster-title')).toHaveText('Window poster');

	// In Chinese the English restatement is left off too.
	await page.goto(`/cashier/manage/${restating}/poster`);
	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(poster.getByRole('heading', { level: 1 })).toContainText('立减');
	await expect(poster.getByTestId('claim-url')).toBeVisible();
	await expect(poster).not.toContainText('¥5 off');
});
