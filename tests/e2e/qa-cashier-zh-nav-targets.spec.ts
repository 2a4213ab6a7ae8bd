/**
 * On a phone in Chinese the bar's links are two characters ("今日", "日报") side by side with no gap between them:
 * each was 39 px wide, under the 44 px a thumb needs, so a tap meant for Today could open the Day report. Each link
 * is now at least 44 × 44 px, as is the language switch beside them ("EN", 40 px), and a manager's four links still
 * fit a 360 px phone.
 */
import { expect, test } from './fixtures';
import { openCounterSignedIn, screenshot } from './support/pages';

for (const [width, handle, pin] of [
	[390, 'cashier-1', '1234'],
	[360, 'owner', '9999']
] as const) {
	test(`the bar's links are thumb-sized in Chinese at ${width} px (${handle})`, async ({ page, server }) => {
		await page.setViewportSize({ width, height: 800 });
		await openCounterSignedIn(page, server.url, 'demo-cafe', handle, pin);
		await page.getByRole('button', { name: /Switch language to/ }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		const links = page.getByRole('navigation').getByRole('link');
		expect(await links.count()).toBe(handle === 'owner' ? 4 : 3);
		for (const link of await links.all()) {
			const box = (await link.boundingBox())!;
			expect(box.width, await link.innerText()).toBeGreaterThanOrEqual(44);
			expect(box.height, await link.innerText()).toBeGreaterThanOrEqual(44);
			// Whole on screen: not cut at the phone's edge.
			expect(box.x + box.width).toBeLessThanOrEqual(width);
		}
		// The language switch beside them ("EN" on a phone) too.
		const lang = (await page.getByRole('button', { name: /切换语言为/ }).boundingBox())!;
		expect(lang.width).toBeGreaterThanOrEqual(44);
		expect(lang.height).toBeGreaterThanOrEqual(44);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
		await screenshot(page, `cashier-bar-zh-${width}-${handle}`);
	});
}
