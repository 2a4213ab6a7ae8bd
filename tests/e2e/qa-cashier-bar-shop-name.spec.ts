/**
 * The shop's name in the cashier's top bar on a 360 px phone: beside "Online", the language and "Sign out" it was cut
 * to "Demo C…", which names no shop. On a phone it takes a second line when it needs one, and is cut only past that;
 * a landscape tablet keeps its one-row bar.
 */
import { expect, test } from './fixtures';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

const PHONE_360 = { width: 360, height: 640 };

test.use({ viewport: PHONE_360 });

test('the shop name reads whole in the bar at 360 px, in English and Chinese, and the tablet bar stays one row', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const bar = page.locator('header.bar');
	const name = bar.locator('.merchant');
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		await expect(bar.getByRole('link', { name: lang === 'en' ? 'Counter' : '收银台' })).toBeVisible();
		for (const size of [PHONE_360, TABLET]) {
			await page.setViewportSize(size);
			await expect(name).toHaveText('Demo Café');
			// Whole: no ellipsis, nothing hidden past its box.
			const cut = await name.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
			expect(cut, `the shop's name cut at ${size.width}px (${lang})`).toBe(false);
			// The bar's other items all still on screen: the network, the language and Sign out, and the links.
			for (const item of [bar.locator('.net'), bar.locator('.lang'), bar.getByRole('button', { name: lang === 'en' ? 'Sign out' : '退出登录' }), bar.getByRole('link').last()]) {
				const box = (await item.boundingBox())!;
				expect(box.x + box.width, `${await item.textContent()} at ${size.width}px`).toBeLessThanOrEqual(size.width);
			}
			if (size === TABLET) {
				// A landscape tablet's bar is one row: the name, the links and the tools side by side.
				const barBox = (await bar.boundingBox())!;
				expect(barBox.height, `the bar's height at ${size.width}px`).toBeLessThan(70);
			}
			await screenshot(page, `qa-cashier-bar-shop-name-${lang}-${size.width}`);
		}
	}
});
