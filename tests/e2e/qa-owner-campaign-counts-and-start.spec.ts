/**
 * A shop owner setting up campaigns on a phone in Chinese, and ending or moving one that has not started yet.
 * - A count typed with the Chinese IME in full-width mode ("１５"), or grouped as the form's own message writes the
 *   limit ("1,000": "请输入 1 到 10,000,000 的整数"), was refused as no whole number; amounts so typed were read.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
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
});
