/**
 * Staff and PINs is opened from Campaigns, as Shop settings is; Shop settings had "← Campaigns" beside its heading
 * and Staff and PINs had no way back but the bar. Both now have it, in the same place, in English and Chinese.
 */
import { expect, test } from './fixtures';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('Staff and PINs and Shop settings each lead back to Campaigns from beside their heading', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
	for (const [link, heading] of [
		['Staff and PINs', 'Staff'],
		['Shop settings', 'Shop settings']
	] as const) {
		await page.getByRole('link', { name: link }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		const back = page.getByRole('link', { name: '← Campaigns', exact: true });
		await expect(back).toBeVisible();
		// Beside the heading: on the same line, at its end.
		const h1 = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
		const b = (await back.boundingBox())!;
		expect(Math.abs(b.y + b.height / 2 - (h1.y + h1.height / 2))).toBeLessThan(h1.height);
		if (link === 'Staff and PINs') await captureBoth(page, 'qa-owner-staff-back');
		await back.click();
		await expect(page).toHaveURL(/\/cashier\/manage$/);
	}

	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.getByRole('link', { name: '店员与 PIN' }).click();
	const back = page.getByRole('link', { name: '← 优惠活动', exact: true });
	await expect(back).toBeVisible();
	await captureBoth(page, 'qa-owner-staff-back-zh');
	await back.click();
	await expect(page).toHaveURL(/\/cashier\/manage$/);
});
