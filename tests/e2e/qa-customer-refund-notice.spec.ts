/**
 * A refund reaches the customer's open wallet: the shop refunds a sale on Today while the customer waits at the counter
 * with the wallet on screen. The balance went up and the coupon came back with no word said (UX audit 2, finding 4);
 * now the wallet says who refunded how much, and that the coupon is back, in a live region that was already on the page
 * (one inserted with its text is often not read out), until the customer closes it.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { expectAccessible, openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a full refund of a sale paid with a coupon is told on the open wallet, with the coupon back', async ({ page, server }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.title === '¥5 off')!;
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, coupon.id), 3000);
	expect(sale.data.payment.charged.amount).toBe(2500);
	const balance = page.getByTestId('balance');
	const paidBalance = `¥${((await api.balance(server.url, alice)) / 100).toFixed(2)}`;
	await expect(balance).toContainText(paidBalance);
	// The region the notice goes in is on the page before there is anything to say.
	const notice = page.getByTestId('refund-notice');
	await expect(notice).toHaveAttribute('role', 'status');
	await expect(notice).toBeEmpty();
	// Empty, it takes no room: the gap before it is taken back.
	await expect(notice).toHaveCSS('margin-top', '-24px');

	await api.refund(server.url, cashier.token, sale.data.payment.id, 3000);
	await expect(notice).toContainText('Demo Café refunded ¥25.00 to your wallet.');
	// The cashier says "¥30.00 refunded": the notice says why ¥25.00 came back, as the history's line does.
	await expect(notice).toContainText('The shop refunded ¥30.00; the coupon had paid ¥5.00 of it.');
	await expect(notice).toContainText('Your coupon is back in your wallet.');
	await expect(balance).not.toContainText(paidBalance);
	await screenshot(page, 'qa-customer-refund-notice');
	await expectAccessible(page, 'the wallet with a refund notice');

	// Closed, it is gone, and the focus is on the page's title, not lost to the page's body.
	await notice.getByRole('button', { name: 'Close' }).click();
	await expect(notice).toBeEmpty();
	await expect(page.locator('#main h1')).toBeFocused();
});

test('each part refund says its own amount, in Chinese too, and without a coupon says nothing of one', async ({ page, server }) => {
	const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2000);
	expect(sale.data.payment.status).toBe('succeeded');
	// The wallet on screen has the sale (its stream is open) before the shop refunds, as at the counter: a refund
	// sent before the phone had opened its stream was missed once on a loaded machine (the wallet then read the
	// balance after it, with nothing to tell).
	await expect(page.getByTestId('balance')).toContainText(`¥${((await api.balance(server.url, bob)) / 100).toFixed(2)}`);
	const notice = page.getByTestId('refund-notice');

	await api.refund(server.url, cashier.token, sale.data.payment.id, 500);
	await expect(notice).toContainText('Demo Café refunded ¥5.00 to your wallet.');
	await expect(notice).not.toContainText('Coupon');

	await page.locator('button.lang').click();
	await expect(notice).toContainText('Demo Café 已退款 ¥5.00 到您的钱包。');
	// The second part: its own ¥3.00, not the ¥8.00 refunded so far.
	await api.refund(server.url, cashier.token, sale.data.payment.id, 300);
	await expect(notice).toContainText('Demo Café 已退款 ¥3.00 到您的钱包。');
	await screenshot(page, 'qa-customer-refund-notice-zh');
	await notice.getByRole('button', { name: '关闭' }).click();
	await expect(notice).toBeEmpty();
});

// ¥0.01 of a ¥10.00 order paid ¥5.00 by the coupon: the customer's share, half a fen, rounds down to nothing (the
// refund's cash is ¥0.00; the platform's subsidy takes the fen back). The notice and the history said "refunded ¥0.00
// to your wallet" and "+¥0.00": a refund line for nothing. They say the coupon had paid it all instead.
test('a refund the coupon had paid all of says so on the wallet and in the history, with no ¥0.00 back, in both languages', async ({ page, server }) => {
	// Carol: no sale or refund of the tests above is hers.
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const cashier = await api.cashierSession(server.url);
	const coupon = (await api.coupons(server.url, carol)).find((c) => c.title === '¥5 off')!;
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, carol, coupon.id), 1000);
	expect(sale.data.payment.charged.amount).toBe(500);
	await expect(page.getByTestId('balance')).toContainText(`¥${((await api.balance(server.url, carol)) / 100).toFixed(2)}`);
	const notice = page.getByTestId('refund-notice');

	await api.refund(server.url, cashier.token, sale.data.payment.id, 1);
	const { refunds } = await api.refunds(server.url, carol, sale.data.payment.id);
	expect(refunds.map((r) => r.cash.amount)).toEqual([0]);
	await expect(notice).toContainText('Refund · Demo Café');
	await expect(notice).toContainText('The shop refunded ¥0.01; the coupon had paid all of it, so nothing comes back to your balance.');
	await expect(notice).not.toContainText('¥0.00');
	await page.locator('button.lang').click();
	await expect(notice).toContainText('商户退款 ¥0.01，全部由优惠券支付，不退回余额。');
	await expect(notice).not.toContainText('¥0.00');
	await screenshot(page, 'qa-customer-refund-notice-coupon-only-zh');
	await page.locator('button.lang').click();

	await page.getByRole('link', { name: 'Wallet history' }).click();
	const refundLine = page.getByTestId('history-refund');
	await expect(refundLine).toContainText('Refund · Demo Café');
	await expect(refundLine).toContainText('The shop refunded ¥0.01; the coupon had paid all of it, so nothing comes back to your balance.');
	await expect(refundLine).not.toContainText('¥0.00');
	await expect(refundLine.getByTestId('history-refund-split')).toHaveCount(0);
	const paymentLine = page.locator('details').filter({ hasText: 'Part refunded' });
	await paymentLine.locator('summary').click();
	await expect(paymentLine.locator('.refunds')).toContainText('The shop refunded ¥0.01; the coupon had paid all of it');
	await expect(paymentLine).not.toContainText('¥0.00');
	await screenshot(page, 'qa-customer-refund-coupon-only-history');
	await page.locator('button.lang').click();
	await expect(refundLine).toContainText('商户退款 ¥0.01，全部由优惠券支付，不退回余额。');
	await expect(page.locator('main')).not.toContainText('¥0.00');
	await screenshot(page, 'qa-customer-refund-coupon-only-history-zh');
});
