import { expect, test } from './fixtures';
import { captureBoth, openCounterSignedIn, screenshot, switchLanguage } from './support/pages';
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
		// The demo's shop has no zone of its own: the one shown is the server's, and said to be.
		const serverZone = page.getByTestId('server-zone');
		await expect(serverZone).toHaveText('This shop has no time zone of its own: its day follows the server’s, UTC for now, and moves if the server is moved or its TIME_ZONE changed. Save to keep the zone chosen above as the shop’s own.');
		await captureBoth(page, 'qa-new-shop-server-zone');
		await switchLanguage(page);
		await expect(serverZone).toHaveText('本店还没有保存自己的时区：它的一天跟随服务器的时区（目前为 UTC），服务器迁移或更改 TIME_ZONE 时会随之改变。点击“保存”，即可把上面选择的时区保存为本店自己的时区。');
		await captureBoth(page, 'qa-new-shop-server-zone-zh');
		await switchLanguage(page);
		await offer.getByRole('button', { name: 'Use Europe/Berlin' }).click();
		await expect(zone).toHaveValue('Europe/Berlin');
		await expect(offer).toHaveCount(0);
		await page.getByRole('button', { name: 'Save' }).click();
		// The demo's "¥10 off" campaign ends at a minute that reads otherwise on Berlin's clock: kept at that minute.
		await page.getByRole('dialog', { name: 'Campaign ends on the new clock' }).getByRole('button', { name: 'Save' }).click();
		await expect(page.getByTestId('shop-changes')).toContainText('Time zone: UTC → Europe/Berlin');
		await expect(offer).toHaveCount(0);
		// Now the shop's own: it no longer follows the server.
		await expect(serverZone).toHaveCount(0);
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
