/**
 * One phone, several customers and tabs: signing out ends what the sign-in could do everywhere on the phone, and
 * the next customer to sign in never sees the last one's money or coupons.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
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

test('signing out in one tab puts away the code another tab shows, and signs that tab out at once', async ({ context, page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	await signInCustomer(page, 'alice', '1111');
	const other = await context.newPage();
	await other.setViewportSize(PHONE);
	await other.goto('/customer');
	await other.getByRole('radio', { name: /^¥5 off/ }).check();
	await other.getByRole('button', { name: 'Show payment code' }).click();
	await expect(other.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
	const code = (await other.getByTestId('paycode').getAttribute('data-code'))!;
	// The other tab hears nothing from the server from now on: only this phone's own storage can tell it.
	await other.route('**/api/**', (route) => route.abort('internetdisconnected'));

	await page.bringToFront();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();

	await expect(other.getByLabel('Your handle')).toBeVisible();
	await expect(other.getByTestId('paycode')).toHaveCount(0);
	await expect(other.getByTestId('balance')).toHaveCount(0);
	const charge = await api.pay(server.url, cashier.token, code, 2000);
	expect(charge.status).toBe(402);
	expect(await api.balance(server.url, alice)).toBe(50000);
	expect((await api.coupons(server.url, alice)).find((c) => c.title === '¥5 off')!.state).toBe('available');
});

test('Sign out on a slow network says it is working, and cannot be tapped twice', async ({ page }) => {
	await signInCustomer(page, 'bob', '2222');
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	// Both requests of a sign-out are held: putting the code away, then ending the sign-in.
	for (const path of ['**/api/paycodes/current', '**/api/sessions/current']) {
		await page.route(path, async (route) => {
			await held;
			await route.continue();
		});
	}
	const signOut = page.getByRole('button', { name: 'Sign out' });
	await signOut.click();
	await expect(signOut).toBeDisabled();
	release();
	await expect(page.getByLabel('Your handle')).toBeVisible();
});
