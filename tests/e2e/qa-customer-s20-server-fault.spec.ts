/**
 * The server failing is not the phone's connection failing. A wallet that could not be read because the server had
 * a problem told the customer to "check the connection": on a working phone at the till, they turn Wi-Fi off and on
 * and the queue waits, for nothing. Said as the server's problem, in both languages; a real network failure still says
 * to check the connection.
 */
import { expect, test } from './fixtures';
import { failFirstReads, openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a wallet the server failed to read says the server had a problem, not to check the connection', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const left = await failFirstReads(page, '**/api/wallet', 50, true);
	await page.reload();
	await expect(page.getByText('The server had a problem and could not answer. Try again in a moment.')).toBeVisible();
	await expect(page.getByText('Check the connection')).toHaveCount(0);
	await screenshot(page, 'qa-customer-s20-server-fault-360');
	await page.locator('button.lang').click();
	await expect(page.getByText('服务器出了问题，暂时无法响应。请稍后重试。')).toBeVisible();
	await page.locator('button.lang').click();

	// The server recovers: the customer need not reload the page to see their balance.
	await page.unroute('**/api/wallet');
	expect(left()).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
	await expect(page.getByText('The server had a problem')).toHaveCount(0);
});
