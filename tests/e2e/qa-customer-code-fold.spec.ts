/**
 * The code screen held up to the till: QR, digits and the coupon the code applies are all on screen without
 * scrolling, on the narrowest phones in use (360×740) as on a common one (390×844) and a tablet.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ isMobile: true, hasTouch: true });

const SIZES = [
	{ width: 360, height: 740 },
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 }
];

/** How far below the bottom of the screen each part of the code screen ends (≤ 0: fully on screen). */
async function overflowBelowFold(page: Page): Promise<Record<string, number>> {
	return page.evaluate(() => {
		const bottom = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().bottom - window.innerHeight;
		return { qr: bottom('[data-testid="paycode"] .qr'), digits: bottom('[data-testid="paycode"] .digits'), coupon: bottom('.coupon-line') };
	});
}

for (const size of SIZES) {
	test(`at ${size.width}×${size.height} the QR, the digits and the chosen coupon are on screen without scrolling`, async ({ page, server }) => {
		await page.setViewportSize(size);
		await openCustomerSignedIn(page, server.url, 'alice', '1111');
		// The longest demo coupon title, the one most likely to wrap.
		await page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ }).check();
		// A customer scrolls a little way down the list to their coupon; the button stays under the thumb meanwhile.
		// (Scrolled far, the code screen's heading was off screen and focusing it scrolled back up; a little, it stayed.)
		await page.evaluate(() => window.scrollTo(0, 200));
		await page.getByRole('button', { name: 'Show payment code' }).click();
		const ticket = page.getByTestId('paycode');
		await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
		await expect(ticket.locator('svg.qr[role="img"]')).toBeVisible();
		await expect(page.locator('.coupon-line')).toContainText('¥10 off orders of ¥50 or more');
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
		const below = await overflowBelowFold(page);
		expect(below.qr).toBeLessThanOrEqual(0);
		expect(below.digits).toBeLessThanOrEqual(0);
		expect(below.coupon).toBeLessThanOrEqual(0);
		// The QR stays big enough for a counter scanner a hand's length away (a third of the screen's width at least).
		const qr = (await ticket.locator('svg.qr').boundingBox())!;
		expect(qr.width).toBeGreaterThanOrEqual(Math.min(size.width * 0.55, 240));
		// What the cashier sees of the phone: the screen without scrolling, and the whole page.
		await page.screenshot({ path: `test-results/screenshots/qa-customer-code-fold-${size.width}x${size.height}-screen.png` });
		await screenshot(page, `qa-customer-code-fold-${size.width}x${size.height}`);
	});
}
