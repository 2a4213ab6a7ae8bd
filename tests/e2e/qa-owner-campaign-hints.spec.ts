/**
 * A campaign set up right the first time: a budget or a stock left empty is no limit at all, and cannot be added
 * once the campaign is made (Edit limits only raises one that exists). The fields said only "Optional", so an owner
 * skipping the budget "for now" learned afterwards that the savings could not be capped but by ending the campaign.
 */
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE });

test('the campaign form says what an empty budget, stock, per-customer limit and cap mean, in English and Chinese', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	await expect(page.getByLabel('Budget (total savings)')).toHaveAccessibleDescription(/no limit.*none can be added later/i);
	await expect(page.getByLabel('Coupons available')).toHaveAccessibleDescription(/no limit.*none can be added later/i);
	await expect(page.getByLabel('Per customer')).toHaveAccessibleDescription(/no limit/i);
	await page.getByRole('radio', { name: 'Percent off' }).check();
	await expect(page.getByLabel('At most')).toHaveAccessibleDescription(/no cap/i);
	await screenshot(page, 'qa-owner-campaign-hints');

	await page.getByRole('button', { name: /中文/ }).click();
	await expect(page.getByLabel('预算（优惠总额）')).toHaveAccessibleDescription(/留空即不限.*之后也不能再加上限/);
	await expect(page.getByLabel('发放数量')).toHaveAccessibleDescription(/留空即不限.*之后也不能再加上限/);
	await expect(page.getByLabel('每人限领')).toHaveAccessibleDescription(/留空即每人不限/);
	await expect(page.getByLabel('最多减')).toHaveAccessibleDescription(/留空即不封顶/);
	await screenshot(page, 'qa-owner-campaign-hints-zh');
});
