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
	await expect(notice).toContainText('Coupon returned to you');
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
