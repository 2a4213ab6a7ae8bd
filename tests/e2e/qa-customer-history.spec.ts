/** The wallet history read down its right-hand side, as a customer checks their balance. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a declined attempt is listed struck through, not like money that left the wallet', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 1200)).status).toBe(201);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 5000)).status).toBe(402);

	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.getByRole('link', { name: 'Wallet history' }).click();
	const declined = page.locator('details').filter({ hasText: 'Declined' });
	const paid = page.locator('details').filter({ hasText: 'Paid' });
	await expect(declined.locator('.money').first()).toHaveText('¥50.00');
	await expect(declined.locator('.money').first()).toHaveCSS('text-decoration-line', 'line-through');
	await expect(paid.locator('.money').first()).toHaveText('¥12.00');
	await expect(paid.locator('.money').first()).toHaveCSS('text-decoration-line', 'none');
	await screenshot(page, 'qa-history-declined');

	// In Chinese, in the customer's words for it: the result said "付款未成功" at the counter, and the history said "已拒绝"
	// (the cashier's word, shared with the tablet's lists). One word for one thing: "未成功".
	await page.getByRole('button', { name: /中文|简体中文/ }).click();
	const declinedZh = page.locator('details').filter({ has: page.locator('.not-charged') });
	await expect(declinedZh.locator('summary')).toContainText('未成功');
	await expect(page.locator('main')).not.toContainText('已拒绝');
	await screenshot(page, 'qa-history-declined-zh');
});

test('a partly refunded payment says how much came back on its closed line, in both languages, without a second "+"', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1200);
	expect(paid.status).toBe(201);
	const refund = await fetch(`${server.url}/api/payments/${paid.data.payment.id}/refunds`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ amount: { amount: 450, currency: 'CNY' } })
	});
	expect(refund.status).toBe(201);

	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await page.getByRole('link', { name: 'Wallet history' }).click();
	const line = page.locator('details').filter({ hasText: 'Part refunded' });
	await expect(line.locator('summary')).toContainText('¥12.00');
	// Closed, as the list opens: the money back is on the line itself. Said, not signed: the "+¥4.50" is the
	// refund's own line, and down the right-hand side it is counted once.
	await expect(line).not.toHaveAttribute('open');
	await expect(line.getByTestId('history-cash-back')).toBeVisible();
	await expect(line.getByTestId('history-cash-back')).toHaveText('¥4.50 refunded');
	await expect(page.getByTestId('history-refund-amount')).toHaveText('+¥4.50');
	for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }]) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-history-part-refunded-${size.width}`);
	}

	await page.getByRole('button', { name: /中文|简体中文/ }).click();
	const lineZh = page.locator('details').filter({ hasText: '部分退款' });
	await expect(lineZh.getByTestId('history-cash-back')).toHaveText('已退款 ¥4.50');
	await page.setViewportSize({ width: 360, height: 740 });
	await screenshot(page, 'qa-history-part-refunded-zh-360');
});
