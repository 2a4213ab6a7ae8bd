/**
 * A campaign ended ("End now") before it began: ending brings its start forward to the end, so its page read
 * "Valid 5 Dec 06:29 – 5 Dec 06:29", a campaign that seemed to run for no time at all. It says it was cancelled,
 * and when, and the period it was planned for, which ending it had lost ("which one was Christmas week?"). And an ended campaign's figures said "Stock left 100", as if 100 coupons could still be given.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn, screenshot } from './support/pages';

const DAY_MS = 86_400_000;

async function endedCampaign(baseUrl: string, title: string, body: Record<string, unknown>): Promise<string> {
	const owner = await api.cashierSession(baseUrl, 'demo-cafe', 'owner', '9999');
	const headers = { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' };
	const made = await fetch(`${baseUrl}/api/campaigns`, {
		method: 'POST',
		headers: { ...headers, 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ title, rule: { kind: 'fixed', off: 300 }, validUntil: new Date(Date.now() + 30 * DAY_MS).toISOString(), ...body })
	});
	expect(made.status).toBe(201);
	const id = ((await made.json()) as { campaign: { id: string } }).campaign.id;
	const ended = await fetch(`${baseUrl}/api/campaigns/${id}/end`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': crypto.randomUUID() }, body: '{}' });
	expect(ended.status).toBe(200);
	return id;
}

const item = (page: Page, region: string, title: string) => page.getByRole('region', { name: region }).getByRole('listitem').filter({ hasText: title });

/** A day as the manager's pages say it on the shop's clock (the test server's: UTC), "8 Dec 2026". */
const day = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

test('a campaign ended before it began says it was cancelled, and when, and the period it was planned for', async ({ page, server }) => {
	// Planned as the form plans one: from a day's start to the end of its last day (the next day's 00:00).
	const plannedFrom = (Math.floor(Date.now() / DAY_MS) + 3) * DAY_MS;
	const plannedUntil = plannedFrom + 7 * DAY_MS;
	const planned = `(planned ${day(plannedFrom)} – ${day(plannedUntil - 1)})`;
	const id = await endedCampaign(server.url, 'Christmas week', { validFrom: new Date(plannedFrom).toISOString(), validUntil: new Date(plannedUntil).toISOString() });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	const listed = item(page, 'Campaigns', 'Christmas week');
	await expect(listed).toContainText(/Cancelled on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}, before it started/);
	await expect(listed).toContainText(planned);
	await expect(listed).not.toContainText('Until');

	await page.goto(`/cashier/manage/${id}`);
	const valid = page.locator('[data-limit="valid"]');
	await expect(valid).toHaveText(/^Cancelled on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}, before it started \(planned .+\)$/);
	await expect(valid).toContainText(planned);
	// The moment it was cancelled is not said as a period from and to the same minute.
	await expect(valid).not.toContainText(/\d{2}:\d{2} – /);
	// Nothing of it can change (its end cannot move; more stock or budget would never be used): it offers no Edit
	// limits, whose Save the server then refused, and says why in its place.
	await expect(page.getByRole('button', { name: 'Edit limits' })).toHaveCount(0);
	await expect(page.getByTestId('edit-closed')).toHaveText('This campaign was ended before it began, so it cannot be reopened. Make a new campaign instead.');
	for (const size of [{ width: 390, height: 844 }, { width: 1024, height: 768 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-campaign-cancelled-${size.width}`);
	}

	await page.getByRole('button', { name: '简体中文' }).click();
	await expect(valid).toHaveText(/^已于 .+ 取消（未开始，原定 .+ – .+）$/);
	await expect(page.getByRole('button', { name: '修改限额' })).toHaveCount(0);
	await expect(page.getByTestId('edit-closed')).toHaveText('这个活动在开始前就已结束，无法重新开启。请新建一个活动。');
	await page.setViewportSize({ width: 360, height: 640 });
	await screenshot(page, 'qa-owner-campaign-cancelled-zh-360');
	await page.goto('/cashier/manage');
	await expect(item(page, '活动列表', 'Christmas week')).toContainText(/已于 .+ 取消（未开始，原定 .+ – .+）/);
	await screenshot(page, 'qa-owner-campaign-cancelled-list-zh-360');
	await page.setViewportSize({ width: 1024, height: 768 });
	await screenshot(page, 'qa-owner-campaign-cancelled-list-zh');
});

test('an ended campaign says its stock is closed, not left to give', async ({ page, server }) => {
	const id = await endedCampaign(server.url, 'Spring stock', { stock: 100 });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto(`/cashier/manage/${id}`);
	await expect(page.locator('dt:text-is("Stock left") + dd')).toHaveText(/^\s*Closed\s*100 not given out\s*$/);
	// One that ran can still be reopened by a later end: it keeps its Edit limits, which says so.
	await page.getByRole('button', { name: 'Edit limits' }).click();
	await expect(page.getByTestId('edit-limits')).toContainText('This campaign has ended. To reopen it, set a later end date.');
	await expect(page.getByTestId('edit-closed')).toHaveCount(0);
	for (const size of [{ width: 390, height: 844 }, { width: 1024, height: 768 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-campaign-stock-closed-${size.width}`);
	}
	await page.getByRole('button', { name: '简体中文' }).click();
	await expect(page.locator('dt:text-is("剩余库存") + dd')).toHaveText(/^\s*已停发\s*100 张未发放\s*$/);
});
