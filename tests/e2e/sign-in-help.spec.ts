/** The demo logins are offered on the sign-in screens only where the demo data is; a real shop's screens do not. */
import { expect, test } from './fixtures';
import { PHONE, TABLET } from './support/browser';
import { screenshot } from './support/pages';

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

	test('the cashier sign-in’s Shop field gives no demo-cafe as its example', async ({ page }) => {
		await page.setViewportSize(TABLET);
		const answered = page.waitForResponse((res) => res.url().endsWith('/api/sign-in-help'));
		await page.goto('/cashier');
		expect(await (await answered).json()).toEqual({ demo: false });
		const shop = page.getByLabel('Shop');
		await shop.fill('My Cafe');
		await page.getByLabel('Cashier').fill('owner');
		await page.getByLabel('PIN').fill('9999');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(shop).toHaveAttribute('aria-invalid', 'true');
		await expect(shop).toHaveAccessibleDescription('Type the shop’s sign-in handle, not its name: a–z, 0–9, dot, dash or underscore, with no spaces.');
		await screenshot(page, 'sign-in-no-demo-shop');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'sign-in-no-demo-shop');
		await page.locator('button.lang').click();
		await expect(page.getByLabel('商户')).toHaveAccessibleDescription('请输入商户的登录名，不是店名：只能用 a–z、0–9、点、短横线或下划线，不能有空格。');
		await screenshot(page, 'sign-in-no-demo-shop-zh');
		await page.setViewportSize(TABLET);
		await screenshot(page, 'sign-in-no-demo-shop-zh');
	});
});
