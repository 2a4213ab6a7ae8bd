/**
 * A campaign made, a coupon given or a campaign's limits changed while the server fails (500, 503: a restart, the
 * database away for a moment) says so in the manager's language, and that nothing changed; it showed the server's
 * English ("被拒绝: The database is not reachable right now; retry with the same Idempotency-Key. (validUntil)").
 * Trying again then does it once.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE });

const SERVER_ENGLISH = /database|reachable|Something went wrong|Idempotency|[a-z]{4,}/;

/** The next `method` request to `url` gets the server's failure answer `code` (with its English message). */
async function failOnce(page: Page, url: string, method: string, status: number, code: string): Promise<void> {
	let failed = false;
	await page.route(url, async (route) => {
		if (failed || route.request().method() !== method) return route.fallback();
		failed = true;
		const message = code === 'UNAVAILABLE' ? 'The database is not reachable right now; retry with the same Idempotency-Key.' : 'Something went wrong on our side.';
		await route.fulfill({ status, json: { error: { code, message, field: 'validUntil' } } });
	});
}

test("a campaign made, a coupon given and limits changed while the server fails say so in Chinese; Try again does it once", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const campaigns = async () =>
		((await (await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as { campaigns: { id: string; title: string }[] })
			.campaigns;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	await page.getByRole('button', { name: /中文/ }).click();

	// A new campaign, while the database is away.
	await failOnce(page, '**/api/campaigns', 'POST', 503, 'UNAVAILABLE');
	await page.getByLabel('顾客看到的名称').fill('周末立减');
	await page.getByLabel('减免金额').fill('3');
	await page.getByRole('button', { name: '创建活动' }).click();
	// No budget, no stock, no minimum spend: asked first, each time (qa-owner-campaign-no-limit.spec.ts).
	const createAnyway = page.getByRole('dialog').getByRole('button', { name: '仍然创建' });
	await createAnyway.click();
	const formMessage = page.getByTestId('campaign-form-message');
	await expect(formMessage).toContainText('暂时无法保存');
	await expect(formMessage).not.toContainText(SERVER_ENGLISH);
	await screenshot(page, 'qa-owner-campaign-refused-zh');
	expect((await campaigns()).filter((c) => c.title === '周末立减')).toHaveLength(0);
	await page.getByRole('button', { name: '创建活动' }).click();
	await createAnyway.click();
	await expect(formMessage).toContainText('已创建活动“周末立减”');
	expect((await campaigns()).filter((c) => c.title === '周末立减')).toHaveLength(1);

	// A coupon given, while the server fails.
	await failOnce(page, '**/api/campaigns/*/grants', 'POST', 500, 'INTERNAL');
	const grant = page.locator('form', { has: page.getByLabel('顾客用户名') });
	await page.getByLabel('顾客用户名').fill('carol');
	await grant.getByRole('button', { name: '发放' }).click();
	await expect(grant.getByRole('status').or(grant.getByRole('alert'))).toContainText('暂时无法');
	await expect(grant.getByRole('status').or(grant.getByRole('alert'))).not.toContainText(SERVER_ENGLISH);
	await grant.getByRole('button', { name: '发放' }).click();
	await expect(grant.getByRole('status').or(grant.getByRole('alert'))).toContainText('已向 carol 发放');

	// The campaign's end moved, while the database is away.
	const made = (await campaigns()).find((c) => c.title === '周末立减')!;
	await page.goto(`/cashier/manage/${made.id}`);
	await failOnce(page, `**/api/campaigns/${made.id}`, 'PATCH', 503, 'UNAVAILABLE');
	await page.getByRole('button', { name: '修改限额' }).click();
	const edit = page.getByTestId('edit-limits');
	await edit.getByLabel('结束时间').fill(`${new Date().getFullYear() + 1}-06-30T23:59`);
	await edit.getByRole('button', { name: '保存修改' }).click();
	const editMessage = edit.getByRole('status').or(edit.getByRole('alert'));
	await expect(editMessage).toContainText('暂时无法保存');
	await expect(editMessage).not.toContainText(SERVER_ENGLISH);
	await screenshot(page, 'qa-owner-limits-refused-zh');
	await edit.getByRole('button', { name: '保存修改' }).click();
	await expect(editMessage).toContainText('已保存');
});
