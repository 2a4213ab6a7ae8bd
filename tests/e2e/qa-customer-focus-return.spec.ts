/**
 * Where the focus goes when a screen goes away. After signing in, after "Close" on the code screen and after "Done"
 * on the result it fell to <body>, so a screen reader started again at the top of the page, through the header and
 * the balance, while the cashier waited. Now: the wallet's title after signing in, "Show payment code" after Close
 * and Done, the coupon list after "Change" and "Choose another coupon".
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, signInCustomer } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

async function showCode(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(page.getByRole('heading', { name: 'Show this to the cashier' })).toBeFocused();
	return (await ticket.getAttribute('data-code'))!;
}

const showCodeButton = (page: Page) => page.getByRole('button', { name: 'Show payment code' });

test('signing in puts the focus on the wallet’s title', async ({ page }) => {
	await signInCustomer(page, 'alice', '1111');
	await expect(page.getByRole('heading', { level: 1, name: 'Pay' })).toBeFocused();
});

test('“Close” on the code screen and “Done” on the result go back to “Show payment code”', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await showCode(page);
	await page.getByRole('button', { name: 'Close' }).click();
	await expect(showCodeButton(page)).toBeFocused();
	expect(await page.evaluate(() => window.scrollY)).toBe(0);

	const code = await showCode(page);
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, code, 1200)).status).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeFocused();
	await result.getByRole('button', { name: 'Done' }).click();
	await expect(showCodeButton(page)).toBeFocused();
});

test('“Change” on the code screen goes to the chosen coupon in the list', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await page.getByRole('radio', { name: /^¥5 off/ }).check();
	await showCode(page);
	await page.locator('.coupon-line').getByRole('button', { name: 'Change' }).click();
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toBeFocused();
});

test('after a coupon refused at another shop, “Choose another coupon” comes back with it no longer chosen, on the list', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const cafeOnly = page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ });
	await cafeOnly.check();
	const code = await showCode(page);
	// The coupon is Demo Café's: Demo Books refuses it.
	const books = await api.cashierSession(server.url, 'demo-books', 'cashier-1', '4321');
	expect((await api.pay(server.url, books.token, code, 6000)).status).toBe(402);
	const result = page.getByTestId('customer-result');
	await expect(result).toContainText('This coupon is for Demo Café only.');
	await result.getByRole('button', { name: 'Choose another coupon' }).click();
	await expect(cafeOnly).not.toBeChecked();
	const none = page.getByRole('radio', { name: 'No coupon' });
	await expect(none).toBeChecked();
	await expect(none).toBeFocused();
});
