/**
 * An owner who finds a typo in a running campaign's title, or wants a larger saving, opens its Edit limits and
 * finds only the end, the stock and the budget, with nothing saying why the rest cannot be changed or what to do.
 * It now says: the terms stay as made (customers hold coupons on them); end it and make a new one.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

/** The demo's own campaign of Demo Café, which its customers hold coupons of. */
async function demoCampaignId(base: string): Promise<string> {
	const owner = await api.cashierSession(base, 'demo-cafe', 'owner', '9999');
	const res = await fetch(`${base}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } });
	return ((await res.json()) as { campaigns: { id: string }[] }).campaigns[0]!.id;
}

test.describe('on a phone, in Chinese', () => {
	test.use({ viewport: PHONE });

	test('Edit limits says the title and the saving stay, and how to change them', async ({ page, server }) => {
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto(`/cashier/manage/${await demoCampaignId(server.url)}`);
		await page.getByRole('button', { name: /中文/ }).click();
		await page.getByRole('button', { name: '修改限额' }).click();
		await expect(page.getByTestId('edit-limits')).toContainText('活动名称、优惠方式和最低消费创建后不能修改');
		await expect(page.getByTestId('edit-limits')).toContainText('请结束本活动并新建一个');
		await screenshot(page, 'qa-owner-edit-terms-zh');
	});
});

test.describe('on a tablet', () => {
	test.use({ viewport: TABLET });

	test('Edit limits says the title and the saving stay, in English', async ({ page, server }) => {
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto(`/cashier/manage/${await demoCampaignId(server.url)}`);
		await page.getByRole('button', { name: 'Edit limits' }).click();
		await expect(page.getByTestId('edit-limits')).toContainText('The title, the saving and the minimum spend stay as the campaign was made');
		await expect(page.getByTestId('edit-limits')).toContainText('end this campaign and make a new one');
		await screenshot(page, 'qa-owner-edit-terms-en');
	});
});
