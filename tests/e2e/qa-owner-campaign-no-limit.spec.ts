/**
 * An owner trying the form typed "100" into Percent off, left the cap, the budget and the stock empty, and one tap
 * made a campaign under which every holder's order was free, with no budget or stock that could ever be added
 * (BUDGET_NOT_RAISED, STOCK_NOT_RAISED): only "End now" stopped it. Such a campaign is now summed up first, and made
 * only when the owner says so; with a budget it is made at once.
 */
import { expect, test } from './fixtures';
import { TABLET } from './support/browser';
import * as api from './support/api';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

/** A suffix that keeps this run's campaigns apart from a repeat's on the same server. */
const runId = () => Math.random().toString(36).slice(2, 7);

async function titles(base: string): Promise<string[]> {
	const owner = await api.cashierSession(base, 'demo-cafe', 'owner', '9999');
	const res = await fetch(`${base}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } });
	return ((await res.json()) as { campaigns: { title: string }[] }).campaigns.map((c) => c.title);
}

test('100% off with no cap, budget or stock is summed up before it is made; Go back makes nothing and leads to the budget', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	const title = `Everything free ${runId()}`;
	await page.getByLabel('Title customers see').fill(title);
	await page.getByLabel('Percent off', { exact: true }).check();
	await page.getByLabel('Percent off (1–100)').fill('100');
	await page.getByRole('button', { name: 'Create campaign' }).click();

	const dialog = page.getByRole('dialog', { name: 'Create it with no limit?' });
	await expect(dialog.getByTestId('campaign-open-summary')).toHaveText('100% off, no cap, no budget, no stock: every holder’s order is free until you end it.');
	await expect(dialog).toContainText('A budget or a stock can’t be added once the campaign is made');
	// The safe choice has the focus: Enter does not make it.
	await expect(dialog.getByRole('button', { name: 'Go back' })).toBeFocused();
	await captureBoth(page, 'campaign-no-limit');

	await dialog.getByRole('button', { name: 'Go back' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByLabel('Budget (total savings)')).toBeFocused();
	expect(await titles(server.url)).not.toContain(title);

	// With a budget, it is limited: made at once.
	await page.getByLabel('Budget (total savings)').fill('200');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByTestId('campaign-form-message')).toContainText(`Campaign “${title}” created.`);
	await expect(dialog).toBeHidden();
	expect(await titles(server.url)).toContain(title);
});

test('a fixed saving with no minimum spend, and half off, are summed up in Chinese too; "Create anyway" makes it once', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.goto('/cashier/manage');
	const run = runId();
	await page.getByLabel('顾客看到的名称').fill(`立减 5 元 ${run}`);
	await page.getByLabel('减免金额').fill('5');
	await page.getByRole('button', { name: '创建活动' }).click();
	const dialog = page.getByRole('dialog', { name: '创建不设上限的活动？' });
	await expect(dialog.getByTestId('campaign-open-summary')).toHaveText('减 ¥5.00，无最低消费、无预算、无发放数量：在您结束活动之前，每位持券顾客 ¥5.00 及以下的订单都免费。');
	await captureBoth(page, 'campaign-no-limit-zh');
	await dialog.getByRole('button', { name: '仍然创建' }).click();
	await expect(page.getByTestId('campaign-form-message')).toContainText(`已创建活动“立减 5 元 ${run}”`);
	expect((await titles(server.url)).filter((t) => t === `立减 5 元 ${run}`)).toHaveLength(1);

	await page.getByLabel('顾客看到的名称').fill(`半价 ${run}`);
	await page.getByLabel('折扣', { exact: true }).check();
	await page.getByLabel('减免百分比（1–100）').fill('50');
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(dialog.getByTestId('campaign-open-summary')).toHaveText('减免 50%，无单笔上限、无预算、无发放数量：在您结束活动之前，每位持券顾客的任何订单（无论金额多大）都减免 50%。');
	// Escape is "Go back" too.
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	expect(await titles(server.url)).not.toContain(`半价 ${run}`);
	await page.evaluate(() => localStorage.removeItem('pos.lang'));
});
