/**
 * A payment opened in the wallet history reads its refunds. When the server failed that read, the line said "Could not
 * reach the server. Check the connection": on a phone whose connection was fine. It says the server had a problem;
 * with no network it still says to check the connection.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('refunds the server failed to read say the server had a problem, and no network says to check the connection', async ({ page, server }) => {
	const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1500)).status).toBe(201);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1600)).status).toBe(201);
	await page.goto('/customer/history');

	await page.route('**/api/payments/pay_*', (route) =>
		route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } }) })
	);
	const first = page.locator('details', { hasText: '¥16.00' });
	await first.locator('summary').click();
	await expect(first.getByTestId('history-refunds-failed')).toHaveText('The server had a problem and could not answer. Try again in a moment.');
	await page.locator('button.lang').click();
	await expect(first.getByTestId('history-refunds-failed')).toHaveText('服务器出了问题，暂时无法响应。请稍后重试。');
	await page.locator('button.lang').click();

	await page.unroute('**/api/payments/pay_*');
	await page.route('**/api/payments/pay_*', (route) => route.abort('internetdisconnected'));
	const second = page.locator('details', { hasText: '¥15.00' });
	await second.locator('summary').click();
	await expect(second.getByTestId('history-refunds-failed')).toHaveText('Could not reach the server. Check the connection and try again.');
});
