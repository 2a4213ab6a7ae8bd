/**
 * Today's line said "shop receives ¥70.00" over a list whose Charged column added up to ¥61.00: the difference is the
 * platform's coupons' savings, which the platform pays the shop, and nothing on Today said so (a cashier's review,
 * session 53). The line now says how much of it comes from the platform, less what refunds gave back to it.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, switchLanguage } from './support/pages';

test.use({ viewport: TABLET });

test("Today's line says how much of what the shop receives the platform pays for its coupons", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// ¥60.00 with the platform's 15% off (¥9.00: the customer pays ¥51.00), and ¥10.00 with no coupon.
	const withCoupon = await api.payWithCoupon(server.url, cashier.token, 'bob', '2222', '15% off, at most ¥20', 6000);
	const plain = await api.pay(server.url, cashier.token, await api.payCode(server.url, await api.customerToken(server.url, 'carol', '3333')), 1000);
	expect(plain.status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	const summary = page.getByTestId('payments-summary');
	await expect(summary).toContainText('2 paid · shop receives ¥70.00');
	await expect(page.getByTestId('payments-summary-platform')).toHaveText('Of that, ¥9.00 comes from the platform for its coupons.');
	await captureBoth(page, 'qa-owner-today-platform-part');

	// Half the coupon sale refunded: half the platform's saving goes back to it, and the line follows.
	await api.refund(server.url, cashier.token, withCoupon, 3000);
	await page.reload();
	await expect(page.getByTestId('payments-summary-platform')).toHaveText('Of that, ¥4.50 comes from the platform for its coupons.');
	await switchLanguage(page);
	await expect(page.getByTestId('payments-summary-platform')).toHaveText('其中 ¥4.50 由平台为其优惠券支付。');
	await page.setViewportSize(PHONE);
	await captureBoth(page, 'qa-owner-today-platform-part-zh');
});
