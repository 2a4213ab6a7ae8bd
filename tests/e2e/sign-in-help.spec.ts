/** The demo logins are offered on the sign-in screens only where the demo data is; a real shop's screens do not. */
import { expect, test } from './fixtures';

test.describe('with the demo data', () => {
	test('the landing and the cashier sign-in offer the demo logins', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByText('Demo: customers alice / 1111')).toBeVisible();
		await page.goto('/cashier');
		await expect(page.getByText('Demo: shop demo-cafe, cashier cashier-1, PIN 1234')).toBeVisible();
	});
});

test.describe('a shop started with DEMO=0', () => {
	test.use({ serverEnv: { DEMO: '0' } });

	test('no screen offers logins that do not exist here', async ({ page }) => {
		// Judged once each page has its answer from the server, so an answer still on its way cannot pass the test.
		for (const path of ['/', '/cashier', '/customer']) {
			const answered = page.waitForResponse((res) => res.url().endsWith('/api/sign-in-help'));
			await page.goto(path);
			expect(await (await answered).json()).toEqual({ demo: false });
			await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
			await expect(page.getByText(/^Demo:/)).toHaveCount(0);
		}
	});
});
