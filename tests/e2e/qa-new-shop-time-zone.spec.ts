import { expect, test } from './fixtures';
import { openCounterSignedIn, screenshot, switchLanguage } from './support/pages';
import { PHONE, TABLET } from './support/browser';

/**
 * A new shop's day is counted in the server's zone (UTC on most hosting) until its manager sets the shop's own. Shop
 * settings says so when the tablet's clock is set to another zone, and offers that zone: one tap and Save, and the
 * shop's day is the tablet's.
 */
test.describe('on a tablet whose clock is Berlin’s', () => {
	test.use({ timezoneId: 'Europe/Berlin', viewport: TABLET });

	test("Shop settings offers the tablet's own zone for a shop still on the server's, and it is saved with one tap and Save", async ({ page, server }) => {
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/shop');
		const zone = page.getByLabel('Time zone');
		await expect(zone).toHaveValue('UTC');
		const offer = page.getByTestId('tablet-zone');
		await expect(offer).toHaveText(/This tablet’s clock is set to Europe\/Berlin; the shop’s day is counted in UTC\./);
		await screenshot(page, 'qa-new-shop-time-zone-offer');
		await offer.getByRole('button', { name: 'Use Europe/Berlin' }).click();
		await expect(zone).toHaveValue('Europe/Berlin');
		await expect(offer).toHaveCount(0);
		await page.getByRole('button', { name: 'Save' }).click();
		// The demo's "¥10 off" campaign ends at a minute that reads otherwise on Berlin's clock: left where it is.
		await page.getByRole('dialog', { name: 'Campaign ends on the new clock' }).getByRole('button', { name: 'Save' }).click();
		await expect(page.getByTestId('shop-changes')).toContainText('Time zone: UTC → Europe/Berlin');
		await expect(offer).toHaveCount(0);
	});
});

test.describe('on a phone whose clock is Tokyo’s', () => {
	test.use({ timezoneId: 'Asia/Tokyo', viewport: PHONE });

	for (const lang of ['en', 'zh'] as const) {
		test(`the offer fits the phone (${lang})`, async ({ page, server }) => {
			await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
			await page.goto('/cashier/shop');
			if (lang === 'zh') await switchLanguage(page);
			const offer = page.getByTestId('tablet-zone');
			await expect(offer).toHaveText(lang === 'en' ? /This tablet’s clock is set to Asia\/Tokyo; the shop’s day is counted in / : /这台平板的时钟设为 Asia\/Tokyo；店铺的一天按 .+ 计算。/);
			const use = offer.getByRole('button', { name: lang === 'en' ? 'Use Asia/Tokyo' : '改用 Asia/Tokyo' });
			await use.scrollIntoViewIfNeeded();
			const box = (await use.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
			await screenshot(page, `qa-new-shop-time-zone-offer-${lang}`);
		});
	}
});
