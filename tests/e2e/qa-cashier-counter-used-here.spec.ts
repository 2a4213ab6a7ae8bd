/**
 * A code already used up at this shop by a sale that was paid (read twice, or a screenshot of the code just paid
 * with) was declined at the counter as "That code was already used." with "Paid in cash" on the screen: the cashier
 * was invited to take cash for a sale most likely paid already. The screen says now when and how much that code paid
 * here, and sends the cashier to Today first. A code used up by a sale that was declined still offers "Paid in cash".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, preloadChinese, screenshot } from './support/pages';

async function charge(page: import('@playwright/test').Page, amount: string, code: string) {
	await keyAmount(page, amount);
	const field = page.getByLabel('Or type the code');
	await field.fill(code);
	await field.press('Enter');
}

test('a code that already paid at this shop says so, sends the cashier to Today, and offers no "Paid in cash"', async ({ page, server }) => {
	const cafe = await api.cashierSession(server.url);
	const customer = await newCustomer(server.url, uniqueHandle('twice'), 50_000);
	const code = await api.payCode(server.url, customer);
	expect((await api.pay(server.url, cafe.token, code, 2_350)).status).toBe(201);

	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await charge(page, '4', code);
	const declined = page.getByTestId('charge-declined');
	await expect(declined).toContainText('Payment declined');
	await expect(declined.getByTestId('decline-reason')).toHaveText(/^This code already paid ¥23\.50 at this shop, at \d{2}:\d{2}\.$/);
	await expect(declined.getByTestId('used-here-next')).toContainText('most likely paid already');
	await expect(declined.getByRole('button', { name: 'Paid in cash' })).toHaveCount(0);
	await expect(declined.getByRole('link', { name: 'Check Today' })).toBeFocused();
	await screenshot(page, 'qa-counter-used-here');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-counter-used-here');

	await preloadChinese(page);
	await page.locator('button.lang').click();
	await expect(declined.getByTestId('decline-reason')).toContainText('在本店付款 ¥23.50');
	await screenshot(page, 'qa-counter-used-here-zh');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-counter-used-here-zh');
	await page.locator('button.lang').click();

	// Today lists the sale the code paid, with this decline above it.
	await declined.getByRole('link', { name: 'Check Today' }).click();
	await expect(page).toHaveURL(/\/cashier\/payments/);
	await expect(page.locator('tbody tr[data-payment-id]').filter({ hasText: '¥23.50' })).toContainText('Paid');
});

test('a code used up here by a sale that was declined still offers "Paid in cash"', async ({ page, server }) => {
	const cafe = await api.cashierSession(server.url);
	const customer = await newCustomer(server.url, uniqueHandle('short'), 1_000);
	const code = await api.payCode(server.url, customer);
	const short = await api.pay(server.url, cafe.token, code, 5_000);
	expect(short.status).toBe(402);

	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await charge(page, '50', code);
	const declined = page.getByTestId('charge-declined');
	await expect(declined.getByTestId('decline-reason')).toHaveText('That code was already used.');
	await expect(declined.getByRole('button', { name: 'Paid in cash' })).toBeVisible();
	await expect(declined.getByRole('link', { name: 'Check Today' })).toHaveCount(0);
});
