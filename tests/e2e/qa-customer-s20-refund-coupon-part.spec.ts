/**
 * A refund of part of an order paid with a coupon: the shop refunds ¥10.00 of the order, and ¥8.50 comes back to the
 * wallet (the coupon paid 15% of the order, and its share of the ¥10.00 is not the customer's money). The history said
 * only "+¥8.50": a customer told "¥10.00 refunded" at the counter sees ¥1.50 missing. The line says where it went.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a refund of an order paid with a coupon says what the shop refunded and what the coupon had paid of it', async ({ page, server }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.title.startsWith('15%'))!;
	const withCoupon = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, coupon.id), 4560);
	expect(withCoupon.data.payment.charged.amount).toBe(3876);
	await api.refund(server.url, cashier.token, withCoupon.data.payment.id, 1000);
	const plain = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 2000);
	await api.refund(server.url, cashier.token, plain.data.payment.id, 500);

	await page.goto('/customer/history');
	const lines = page.getByTestId('history-refund');
	await expect(lines).toHaveCount(2);
	const couponRefund = lines.filter({ hasText: '¥38.76' });
	await expect(couponRefund.getByTestId('history-refund-amount')).toHaveText('+¥8.50');
	await expect(couponRefund.getByTestId('history-refund-split')).toHaveText('The shop refunded ¥10.00; the coupon had paid ¥1.50 of it.');
	// Without a coupon all of it comes back: nothing to explain.
	const plainRefund = lines.filter({ hasText: '¥20.00' });
	await expect(plainRefund.getByTestId('history-refund-amount')).toHaveText('+¥5.00');
	await expect(plainRefund.getByTestId('history-refund-split')).toHaveCount(0);
	await screenshot(page, 'qa-customer-s20-refund-split-360');

	await page.locator('button.lang').click();
	await expect(couponRefund.getByTestId('history-refund-split')).toHaveText('商户退款 ¥10.00，其中 ¥1.50 由优惠券支付。');
	await screenshot(page, 'qa-customer-s20-refund-split-zh-360');
});
