/**
 * One sale refunded in two parts is two refunds of one sale. The X and Z reports wrote "Sales refunded (2)" under
 * "Payments 1", which an owner reads as two sales refunded and cannot square with one payment; the count is now
 * said as what it counts, refunds.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('a sale refunded in two parts is "2 refunds" on the X report, in English and Chinese, not "Sales refunded (2)"', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3000);
	expect(paid.status).toBe(201);
	for (const amount of [500, 700]) {
		const res = await fetch(`${server.url}/api/payments/${paid.data.payment.id}/refunds`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
			body: JSON.stringify({ amount: { amount, currency: 'CNY' } })
		});
		expect(res.status).toBe(201);
	}

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=count]')).toHaveText('1');
	const refundedLine = x.locator('div', { has: page.locator('[data-fig=refunded]') });
	await expect(refundedLine).toContainText('Sales refunded (2 refunds)');
	await expect(refundedLine.locator('[data-fig=refunded]')).toHaveText('¥12.00');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(refundedLine).toContainText('退款销售额（2 笔退款）');
	await captureBoth(page, 'qa-owner-refund-count-zh');
});
