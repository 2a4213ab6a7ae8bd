/**
 * "Balance too low" says by how much, where the customer at the till reads it: under the reason, above the buttons.
 * Before, only "Your balance" said it, under the buttons and below the edge of a 360×740 screen, and the customer
 * had to work out the difference (with a coupon, from a rule) to know how much to add.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('balance too low: the shortfall is said on screen above the buttons, without and with a coupon (en and zh)', async ({ page, server }) => {
	// Carol has ¥20.00.
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const cashier = await api.cashierSession(server.url);
	const short = page.getByTestId('declined-short');

	await page.getByRole('button', { name: 'Show payment code' }).click();
	let code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, code, 3500)).status).toBe(402);
	await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
	await expect(short).toHaveText('¥15.00 more is needed for the ¥35.00 order.');
	await expect(short).toBeInViewport({ ratio: 1 });
	const addMoney = (await page.getByRole('button', { name: 'Add money' }).boundingBox())!;
	expect((await short.boundingBox())!.y).toBeLessThan(addMoney.y);
	await screenshot(page, 'qa-customer-declined-short-en');
	await switchLanguage(page);
	await expect(short).toHaveText('支付 ¥35.00 的订单还差 ¥15.00。');
	// No space between the Chinese sentences.
	await expect(page.locator('.next')).toHaveText('支付 ¥35.00 的订单还差 ¥15.00。请充值或换用其他方式付款。');
	await screenshot(page, 'qa-customer-declined-short-zh');
	await switchLanguage(page);

	// With "¥5 off": ¥35.00 costs ¥30.00, so ¥10.00 is missing.
	// Declined with no coupon: its way back to the coupons offers to use one.
	await page.getByRole('button', { name: 'Use a coupon' }).click();
	await page.locator('label.coupon', { hasText: '¥5 off' }).click();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, code, 3500)).status).toBe(402);
	await expect(short).toHaveText('¥10.00 more is needed: with the coupon the ¥35.00 order costs you ¥30.00.');
	await expect(short).toBeInViewport({ ratio: 1 });
});
