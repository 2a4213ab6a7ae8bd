/**
 * A refund the phone missed: the shop refunded a sale while the phone was offline (a lift, the screen locked), or while
 * the wallet was closed. The live notice comes from the event stream, which does not replay what was sent while it was
 * down, so the balance went up with no word said. Now the phone compares the refunds it reads when it catches up (back
 * online, the wallet opened again) with those it had seen, and says each new one once: not again on the next reload,
 * and not a refund made before this phone first saw the account.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { firstSightTaken, newsComparedAt, openCustomerSignedIn, screenshot } from './support/pages';
import { dropStreams, followStreams } from './support/streams';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test.beforeEach(({ page }) => followStreams(page));

const yuan = (minor: number) => `¥${(minor / 100).toFixed(2)}`;

test('a refund made while the phone was offline is told once the network is back, and not again after a reload', async ({ page, server }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.title === '¥5 off')!;
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, coupon.id), 3000);
	const balance = page.getByTestId('balance');
	await expect(balance).toHaveText(yuan(await api.balance(server.url, alice)));
	await firstSightTaken(page);
	const notice = page.getByTestId('refund-notice');

	await dropStreams(page);
	await expect(page.getByTestId('customer-offline')).toBeVisible();
	await api.refund(server.url, cashier.token, sale.data.payment.id, 3000);
	await page.context().setOffline(false);

	await expect(notice).toContainText('Demo Café refunded ¥25.00 to your wallet.');
	await expect(notice).toContainText('Your coupon is back in your wallet.');
	await expect(balance).toHaveText(yuan(await api.balance(server.url, alice)));
	await screenshot(page, 'qa-customer-missed-refund-online');

	// Told once: the reloaded wallet has read the refunds again and says nothing of this one.
	const comparedAt = await newsComparedAt(page);
	await page.reload();
	await expect(balance).toHaveText(yuan(await api.balance(server.url, alice)));
	await expect.poll(() => newsComparedAt(page)).not.toBe(comparedAt);
	await expect(notice).toBeEmpty();
});

test('refunds made while the wallet was closed are told when it opens again, a few and the count of the rest, in Chinese too; older ones are not', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	// Refunded before this phone ever saw Bob's wallet: not news to tell on it.
	const before = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1000);
	await api.refund(server.url, cashier.token, before.data.payment.id, 400);

	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await firstSightTaken(page);
	const notice = page.getByTestId('refund-notice');
	await expect(notice).toBeEmpty();
	const sale = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2000);
	await expect(page.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, bob)));

	// The wallet closed; four part refunds of the sale meanwhile: the newest three are said, the fourth counted.
	await page.goto('about:blank');
	for (const amount of [100, 200, 300, 500]) await api.refund(server.url, cashier.token, sale.data.payment.id, amount);
	await page.goto('/customer');
	await expect(notice).toContainText('Demo Café refunded ¥5.00 to your wallet.');
	await expect(notice).toContainText('Demo Café refunded ¥3.00 to your wallet.');
	await expect(notice).toContainText('Demo Café refunded ¥2.00 to your wallet.');
	await expect(notice).toContainText('1 more refund: see Wallet history.');
	await expect(notice).not.toContainText('¥1.00');
	await expect(notice).not.toContainText('¥4.00');
	await expect(notice).not.toContainText('Coupon');
	await screenshot(page, 'qa-customer-missed-refund-closed');

	await page.locator('button.lang').click();
	await expect(notice).toContainText('Demo Café 已退款 ¥5.00 到您的钱包。');
	await expect(notice).toContainText('Demo Café 已退款 ¥3.00 到您的钱包。');
	await expect(notice).toContainText('另有 1 笔退款，请查看钱包明细。');
	await screenshot(page, 'qa-customer-missed-refund-zh');
	await notice.getByRole('button', { name: '关闭' }).click();
	await expect(notice).toBeEmpty();
});
