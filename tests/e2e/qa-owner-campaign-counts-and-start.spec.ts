/**
 * A shop owner setting up campaigns on a phone in Chinese, and ending or moving one that has not started yet.
 * - A count typed with the Chinese IME in full-width mode ("１５"), or grouped as the form's own message writes the
 *   limit ("1,000": "请输入 1 到 10,000,000 的整数"), was refused as no whole number; amounts so typed were read.
 *   Shop settings' count of unsent payments the same.
 * - "End now" on a campaign that has not started said "To reopen it, set a later end date": the server brings its
 *   start forward to the end, and such a campaign can never be reopened (the edit form then says so).
 * - Moving a not-started campaign's end before its start said "Must be later than “Valid from”", a field the edit
 *   form does not have: it names the start.
 * - A coupon given from a campaign that starts later was said as given, nothing more: the owner told the customer
 *   to use it today, and the counter declined it. The message says from when it can be used.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

interface Campaign {
	id: string;
	title: string;
	rule: { kind: string; percent?: number };
	stock: number | null;
	perCustomerLimit: number | null;
}

async function campaigns(base: string, token: string): Promise<Campaign[]> {
	const res = await fetch(`${base}/api/campaigns`, { headers: { Authorization: `Bearer ${token}` } });
	return ((await res.json()) as { campaigns: Campaign[] }).campaigns;
}

/** A campaign of Demo Café that starts on the next day's midnight (UTC, the demo shop's clock) and runs a month. */
async function campaignStartingTomorrow(base: string, token: string, title: string): Promise<{ id: string; start: Date }> {
	const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1));
	const until = new Date(start.getTime() + 30 * 86_400_000);
	const { campaign } = await api.created<{ campaign: { id: string } }>(base, token, '/campaigns', {
		title,
		rule: { kind: 'fixed', off: 500 },
		minimumSpend: { amount: 2000, currency: 'CNY' },
		stock: 50,
		validFrom: start.toISOString(),
		validUntil: until.toISOString()
	});
	return { id: campaign.id, start };
}

test.describe('on a phone, in Chinese', () => {
	test.use({ viewport: PHONE });

	test('a percent, a stock and a limit typed in full-width digits or grouped in thousands make the campaign', async ({ page, server }) => {
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/manage');
		await page.getByRole('button', { name: /中文/ }).click();

		await page.getByLabel('顾客看到的名称').fill('周末八五折');
		await page.getByRole('radio', { name: '折扣' }).check();
		await page.getByLabel('减免百分比（1–100）').fill('１５');
		await page.getByLabel('最多减').fill('２０');
		await page.getByLabel('发放数量').fill('1,000');
		await page.getByLabel('每人限领').fill('２');
		await page.getByRole('button', { name: '创建活动' }).click();
		const message = page.getByTestId('campaign-form-message');
		await expect(message).toContainText('已创建活动“周末八五折”');
		await screenshot(page, 'qa-owner-campaign-fullwidth-zh');
		const made = (await campaigns(server.url, owner.token)).find((c) => c.title === '周末八五折')!;
		expect(made).toMatchObject({ rule: { kind: 'percent', percent: 15 }, stock: 1000, perCustomerLimit: 2 });

		// The stock raised the same way on the campaign's page.
		await page.goto(`/cashier/manage/${made.id}`);
		await page.getByRole('button', { name: '修改限额' }).click();
		const edit = page.getByTestId('edit-limits');
		await edit.getByLabel('发放数量').fill('１，５００');
		await edit.getByRole('button', { name: '保存修改' }).click();
		await expect(edit.getByRole('status').or(edit.getByRole('alert'))).toContainText('已保存');
		expect((await campaigns(server.url, owner.token)).find((c) => c.id === made.id)?.stock).toBe(1500);
	});

	test('Shop settings reads the count of unsent payments typed in full-width digits', async ({ page, server }) => {
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/shop');
		await page.getByRole('button', { name: /中文/ }).click();
		await page.getByLabel('未发送笔数').fill('６０');
		await page.getByRole('button', { name: '保存' }).click();
		await expect(page.getByText('已保存。')).toBeVisible();
		await screenshot(page, 'qa-owner-shop-fullwidth-count-zh');
		const res = await fetch(`${server.url}/api/shop`, { headers: { Authorization: `Bearer ${owner.token}` } });
		expect(((await res.json()) as { shop: { offlineLimits: { countMax: number } } }).shop.offlineLimits.countMax).toBe(60);
	});
});

test.describe('on a tablet', () => {
	test.use({ viewport: TABLET });

	test('ending a campaign that has not started says it is cancelled for good, not that it can be reopened', async ({ page, server }) => {
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		const { id } = await campaignStartingTomorrow(server.url, owner.token, 'Opening week');
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto(`/cashier/manage/${id}`);
		await page.getByRole('button', { name: 'End now' }).click();
		const dialog = page.getByRole('dialog', { name: 'End this campaign now?' });
		await expect(dialog).toContainText('“Opening week” has not started yet. Ending it now cancels it');
		await expect(dialog).toContainText('cannot be reopened');
		await expect(dialog).not.toContainText('To reopen it');
		await screenshot(page, 'qa-owner-end-not-started');
		await dialog.getByRole('button', { name: 'End the campaign' }).click();
		await expect(page.getByText('The campaign has ended.')).toBeVisible();
		// What the dialog said is what the page then says.
		await expect(page.getByTestId('edit-closed')).toContainText('cannot be reopened');
		await expect(page.getByRole('button', { name: 'Edit limits' })).toHaveCount(0);

		// In Chinese too.
		const { id: second } = await campaignStartingTomorrow(server.url, owner.token, '开业周');
		await page.goto(`/cashier/manage/${second}`);
		await page.getByRole('button', { name: /中文/ }).click();
		await page.getByRole('button', { name: '立即结束' }).click();
		const zhDialog = page.getByRole('dialog');
		await expect(zhDialog).toContainText('“开业周”尚未开始');
		await expect(zhDialog).toContainText('不能重新开启');
		await expect(zhDialog).not.toContainText('要重新开启，请设置');
		await screenshot(page, 'qa-owner-end-not-started-zh');
	});

	test("an end moved before a not-started campaign's start names that start", async ({ page, server }) => {
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		const { id, start } = await campaignStartingTomorrow(server.url, owner.token, 'Next month');
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto(`/cashier/manage/${id}`);
		await page.getByRole('button', { name: 'Edit limits' }).click();
		const edit = page.getByTestId('edit-limits');
		// Tomorrow's 00:00 is the start: an end at 12:00 today (UTC, the shop's clock) is before it. Today's noon may
		// have passed, so a minute before the start it is: still later than now.
		const beforeStart = new Date(start.getTime() - 60_000).toISOString().slice(0, 16);
		await edit.getByLabel('Valid until').fill(beforeStart);
		await edit.getByRole('button', { name: 'Save changes' }).click();
		const startText = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(start);
		await expect(edit).toContainText(`Must be later than the campaign’s start, ${startText}.`);
		await expect(edit).not.toContainText('Valid from');
		await screenshot(page, 'qa-owner-edit-end-before-start');
	});

	test('a coupon given from a campaign that starts tomorrow says from when it can be used', async ({ page, server }) => {
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		const { start } = await campaignStartingTomorrow(server.url, owner.token, 'Grand opening');
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/manage');
		// The Give a coupon form, in either language.
		const grant = page.locator('form', { has: page.locator('#grant-campaign') });
		await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Grand opening' });
		await page.getByLabel('Customer handle').fill('bob');
		await grant.getByRole('button', { name: 'Give coupon' }).click();
		const startText = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(start);
		await expect(grant).toContainText(`bob got a “Grand opening” coupon. The campaign has not started: the coupon can be used from ${startText}.`);
		await screenshot(page, 'qa-owner-grant-not-started');

		// In Chinese; and a running campaign's coupon is said as before.
		await page.getByRole('button', { name: /中文/ }).click();
		await page.getByLabel('顾客用户名').fill('carol');
		await grant.getByRole('button', { name: '发放' }).click();
		await expect(grant).toContainText('已向 carol 发放“Grand opening”优惠券。活动尚未开始：该券从');
		await page.getByLabel('活动', { exact: true }).selectOption({ label: '¥10 off orders of ¥50 or more' });
		await page.getByLabel('顾客用户名').fill('carol');
		await grant.getByRole('button', { name: '发放' }).click();
		await expect(grant).toContainText('已向 carol 发放');
		await expect(grant).not.toContainText('尚未开始');
	});
});
