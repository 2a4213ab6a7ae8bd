/**
 * A sign-in the server failed (500, 503) said "Could not reach the server. Check the connection": the phone had
 * reached it. It says the server had a problem, in both languages; with no network it still says to check the connection.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a sign-in the server failed says the server had a problem; no network says to check the connection', async ({ page, context }) => {
	await page.goto('/customer');
	await page.getByLabel('Your handle').fill('alice');
	await page.getByLabel('PIN').fill('1111');
	await page.route('**/api/sessions', (route) =>
		route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The database is out of reach.' } }) })
	);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('The server had a problem and could not answer. Try again in a moment.')).toBeVisible();
	await expect(page.getByText('Check the connection')).toHaveCount(0);
	await page.locator('button.lang').click();
	await expect(page.getByText('服务器出了问题，暂时无法响应。请稍后重试。')).toBeVisible();
	await page.locator('button.lang').click();

	await page.unroute('**/api/sessions');
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Could not reach the server. Check the connection and try again.')).toBeVisible();
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('balance')).toContainText('¥');
});
