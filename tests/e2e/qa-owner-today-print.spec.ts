/**
 * The owner prints Today's list (Ctrl+P) to keep with the till at closing. The counter's receipt hides everything
 * else on paper, and its stylesheet stays once the counter has loaded it (every sign-in lands there): Today printed
 * a blank sheet. Now the list prints; with a payment's details open, its receipt copy still prints alone.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('Today prints its list, and a receipt copy from it still prints alone', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2350)).status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	const title = page.getByRole('heading', { name: 'Today’s payments' });
	const row = page.locator('tbody tr[data-payment-id]');
	await expect(row).toHaveCount(1);

	await page.emulateMedia({ media: 'print' });
	await expect(title).toBeVisible();
	await expect(row).toBeVisible();
	await expect(row).toContainText('¥23.50');
	await expect(page.getByRole('searchbox')).toBeHidden();
	await expect(row.getByRole('button', { name: /Details bob/ })).toBeHidden();
	await screenshot(page, 'qa-owner-today-print');
	await page.emulateMedia({ media: 'screen' });

	await page.getByRole('button', { name: /Details bob/ }).click();
	await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('receipt-copy')).toBeVisible();
	await expect(title).toBeHidden();
	await expect(row).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
});
