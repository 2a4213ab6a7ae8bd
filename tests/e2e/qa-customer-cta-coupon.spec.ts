/**
 * The wallet's "Show payment code" button names the coupon the code will carry. With the coupon list scrolled, the
 * choice could be off screen under the sticky button, and a customer who meant to use a coupon learnt at the till
 * (or not at all) that "No coupon" was still chosen. At 360 px the button's words also took two lines ("Show" |
 * "payment code"), and the bar 88 px of a 740 px screen.
 */
import { expect, test } from './fixtures';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';
import { renderedLines } from './support/lines';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const WORDS = {
	en: { show: 'Show payment code', none: 'No coupon', noneLine: 'No coupon · 3 usable', coupon: 'orders of ¥50', withCoupon: 'With ¥10 off orders of ¥50 or more', unpicked: '3 usable', close: 'Close' },
	zh: { show: '出示付款码', none: '不使用优惠券', noneLine: '未选优惠券 · 有 3 张可用', coupon: '满¥50减¥10', withCoupon: '使用：满¥50减¥10', unpicked: '有 3 张可用', close: '关闭' }
} as const;

test('the payment-code button says, on its own line under its words, which coupon the code will carry (en and zh, 360 and 390 px)', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await expect(page.getByRole('radio')).toHaveCount(4);
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') await switchLanguage(page);
		const w = WORDS[lang];
		const button = page.getByRole('button', { name: w.show });
		await page.getByRole('radio', { name: w.none }).check();
		for (const size of [
			{ width: 360, height: 640 },
			{ width: 360, height: 740 },
			{ width: 390, height: 844 }
		]) {
			await page.setViewportSize(size);
			// "No coupon" with three that could pay: said with the count, on amber, not in the button's own small print (the
			// wallet starts there at sign-in and after each payment, and customers showed codes with nothing picked).
			await expect.poll(() => renderedLines(button)).toEqual([w.show, w.noneLine]);
			await expect(button.getByTestId('cta-coupon')).toHaveCSS('background-color', 'rgb(253, 240, 213)');
			await page.screenshot({ path: `test-results/screenshots/qa-customer-cta-unpicked-${lang}-${size.width}x${size.height}.png` });
		}
		await expect(button).toHaveAccessibleName(`${w.show} ${w.noneLine}`);
		// Shown so, the code says it too, beside "Change".
		await button.click();
		await expect(page.getByTestId('paycode')).toBeVisible();
		await expect(page.getByTestId('code-coupon-unpicked')).toHaveText(w.unpicked);
		await screenshot(page, `qa-customer-code-unpicked-${lang}`);
		await page.getByRole('button', { name: w.close }).click();
		await expect(button).toBeVisible();
		await page.setViewportSize({ width: 360, height: 740 });
		await page.locator('label.coupon', { hasText: w.coupon }).click();
		await expect.poll(() => renderedLines(button)).toEqual([w.show, w.withCoupon]);
		// The button is read out with the coupon too.
		await expect(button).toHaveAccessibleName(`${w.show} ${w.withCoupon}`);
		await screenshot(page, `qa-customer-cta-coupon-${lang}`);
		// And the code screen it opens carries that coupon.
		await button.click();
		await expect(page.getByTestId('paycode')).toBeVisible();
		await expect(page.locator('.coupon-line')).toContainText(w.coupon);
		await expect(page.getByTestId('code-coupon-unpicked')).toHaveCount(0);
		await page.getByRole('button', { name: w.close }).click();
		await expect(button).toBeVisible();
	}
});
