/**
 * One phone, several customers and tabs: signing out ends what the sign-in could do everywhere on the phone, and
 * the next customer to sign in never sees the last one's money or coupons.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { signInCustomer } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test("the next customer signing in on the phone never sees the last one's balance or coupons, even before their own arrive", async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	await signInCustomer(page, 'alice', '1111');
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();

	// Carol's wallet read is held back (a slow network): until it answers her card shows no balance at all.
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/api/wallet', async (route) => {
		await held;
		await route.continue();
	});
	await page.getByLabel('Your handle').fill('carol');
	await page.getByLabel('PIN').fill('3333');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('carol', { exact: true })).toBeVisible();
	await expect(page.getByTestId('balance')).toHaveText('…');
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toHaveCount(0);
	release();
	await expect(page.getByTestId('balance')).toHaveText('¥20.00');
	// Alice's wallet was only looked at, never touched.
	expect(await api.balance(server.url, alice)).toBe(50000);
});
