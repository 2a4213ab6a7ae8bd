/**
 * The customer's result screen says only what is so: the balance after a payment (not before it), what a
 * coupon saved (and nothing about a coupon when there was none), and after "balance too low" what is needed.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

async function showCode(page: Page, coupon: RegExp | null): Promise<string> {
	if (coupon) await page.getByRole('radio', { name: coupon }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

/** Holds every wallet read of the page until the returned function is called (a slow network). */
async function holdWalletReads(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/api/wallet', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

test('with a slow wallet read, the paid screen says the balance is updating, never the one from before', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
	const code = await showCode(page, null);
	const release = await holdWalletReads(page);

	expect((await api.pay(server.url, cashier.token, code, 2000)).status).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(result.getByTestId('new-balance')).toHaveText('Updating…');
	await expect(result).not.toContainText('¥500.00');
	await screenshot(page, 'customer-paid-balance-updating');

	release();
	await expect(result.getByTestId('new-balance')).toHaveText('¥480.00');
});
