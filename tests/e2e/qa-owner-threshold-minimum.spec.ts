/**
 * "Spend at least, get off" has its minimum in the rule ("Order of at least"), yet the form also offered the
 * separate "Minimum spend". Both filled (¥50 and ¥80), the campaign was made, and its poster promised "¥10 off orders
 * of ¥50 or more" above "On orders of ¥80 or more": a ¥60 order was declined. The form now shows a threshold one
 * minimum, and sends no other (also one typed before the owner switched the kind).
 * And a minimum spend of "0", an owner's way of saying "none" in a field marked optional, was refused with "Enter an
 * amount": it is none, as the API reads it.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('a threshold campaign has one minimum: its own, on the form, the list and the poster', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');

	await page.getByLabel('Title customers see').fill('Big basket');
	// Typed under "Fixed saving" first, then the owner changes their mind.
	await page.getByLabel('Minimum spend').fill('80');
	await page.getByLabel('Spend at least, get off').check();
	await expect(page.getByLabel('Minimum spend')).toHaveCount(0);
	await page.getByLabel('Order of at least').fill('50');
	await page.getByLabel('Amount off').fill('10');
	await page.getByLabel('Coupons available').fill('100');
	await screenshot(page, 'qa-owner-threshold-form');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByTestId('campaign-form-message')).toContainText('Campaign “Big basket” created.');

	const res = await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } });
	const made = ((await res.json()) as { campaigns: { id: string; title: string; minimumSpend: unknown }[] }).campaigns.find((c) => c.title === 'Big basket')!;
	expect(made.minimumSpend).toBeNull();
	const row = page.getByRole('region', { name: 'All campaigns' }).getByRole('listitem').filter({ hasText: 'Big basket' });
	await expect(row).toContainText('¥10 off orders of ¥50 or more');
	await expect(row).not.toContainText('¥80');

	await page.goto(`/cashier/manage/${made.id}/poster`);
	await expect(page.getByText('¥10 off orders of ¥50 or more')).toBeVisible();
	await expect(page.locator('main')).not.toContainText('¥80');
});

test.describe('on a phone, in Chinese', () => {
	test.use({ viewport: PHONE });

	test('a minimum spend of 0 is none', async ({ page, server }) => {
		const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/manage');
		await page.getByRole('button', { name: /中文/ }).click();
		await page.getByLabel('顾客看到的名称').fill('九折');
		await page.getByRole('radio', { name: '折扣' }).check();
		await page.getByLabel('减免百分比（1–100）').fill('10');
		await page.getByLabel('最多减').fill('20');
		await page.getByLabel('最低消费').fill('0');
		await page.getByRole('button', { name: '创建活动' }).click();
		await expect(page.getByTestId('campaign-form-message')).toContainText('已创建活动“九折”');
		await expect(page.getByLabel('最低消费')).not.toHaveAttribute('aria-invalid', 'true');
		const res = await fetch(`${server.url}/api/campaigns`, { headers: { Authorization: `Bearer ${owner.token}` } });
		const made = ((await res.json()) as { campaigns: { title: string; minimumSpend: unknown }[] }).campaigns.find((c) => c.title === '九折');
		expect(made?.minimumSpend).toBeNull();
	});
});
