/**
 * A sale declined because its code was already used listed its customer on Today as "—", even when the code had
 * been used up at this very shop (read twice, or the customer held up a screenshot of the code they had just paid
 * with): the owner looking at the decline could not see who it was, nor call them back. Such a decline names its
 * customer now. A used code held up here that was used at another shop still names no one (anyone with a photo of
 * a code could otherwise learn whose it is at any till). The detail of the decline says what the counter said of it:
 * which sale already paid with the code, for how much and when ("That code was already used." told the owner less).
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, screenshot } from './support/pages';

test('Today names the customer of a code declined as already used at this shop, and no one for a code used elsewhere', async ({ page, server }) => {
	const cafe = await api.cashierSession(server.url);
	const books = await api.cashierSession(server.url, 'demo-books', 'cashier-1', '4321');
	const handle = uniqueHandle('again');
	const customer = await newCustomer(server.url, handle, 50_000);

	// Paid at the café, then the same code read again there.
	const code = await api.payCode(server.url, customer);
	expect((await api.pay(server.url, cafe.token, code, 2_350)).status).toBe(201);
	expect((await api.pay(server.url, cafe.token, code, 400)).status).toBe(402);
	// Paid at the bookshop; that code held up at the café.
	const elsewhere = await api.payCode(server.url, customer);
	expect((await api.pay(server.url, books.token, elsewhere, 500)).status).toBe(201);
	expect((await api.pay(server.url, cafe.token, elsewhere, 123)).status).toBe(402);

	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	const again = rows.filter({ hasText: '¥4.00' });
	const photo = rows.filter({ hasText: '¥1.23' });
	await expect(again.locator('td.who')).toContainText(handle);
	await expect(photo.locator('td.who')).toContainText('—');
	await expect(photo.locator('td.who')).not.toContainText(handle);

	await again.locator('td.who').click();
	const detail = page.locator('tr.detail-row');
	// In the counter's words: the sale that used the code, its amount and time, not only "already used".
	await expect(detail).toContainText(/This code already paid ¥23\.50 at this shop, at \d\d:\d\d\./);
	await expect(detail).not.toContainText('That code was already used.');
	await screenshot(page, 'qa-cashier-payments-used-code');

	// A phone: the customer's name heads the row.
	await page.setViewportSize({ width: 360, height: 640 });
	await expect(again.locator('td.who')).toContainText(handle);
	await expect(photo.locator('td.who')).toContainText('—');
	await screenshot(page, 'qa-cashier-payments-used-code');
});
