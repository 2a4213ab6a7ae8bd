/**
 * A customer comes back the day after with what they bought: the shop refunds yesterday's sale. "Today" listed only
 * the shop's current day, so a sale of an earlier day could not be found or refunded on the tablet at all (only
 * through the API). Its Day picker opens an earlier day's list, whose sales refund as today's do; today again
 * follows the day as before. The tablet's clock is set a day on (page.clock) to stand for "the next morning".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { expectAccessible, openCounterSignedIn, screenshot } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;

test.use({ viewport: TABLET });

test("a sale of an earlier day is found through the Day picker on Today and refunded in part", async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3000);
	expect(paid.status).toBe(201);
	const before = await api.balance(server.url, bob);

	// The shop's day is the server's (UTC here): the sale's day, and the next one on the tablet's clock.
	const now = Date.now();
	const saleDay = new Date(now).toISOString().slice(0, 10);
	await page.clock.setFixedTime(now + DAY_MS);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByRole('heading', { name: 'Today’s payments' })).toBeVisible();
	const rows = page.locator('tbody tr[data-payment-id]');
	await expect(page.getByText('No payments yet today.')).toBeVisible();

	const day = page.getByRole('textbox', { name: 'Day' });
	await day.fill(saleDay);
	await expect(page.getByRole('heading', { name: 'Payments of an earlier day' })).toBeVisible();
	await expect(rows).toHaveCount(1);
	const summary = page.getByRole('heading', { name: 'Payments of an earlier day' }).locator('../..'); // the page's head: its title and the day's line
	await expect(summary).toContainText('1 paid · shop receives ¥30.00');

	await page.getByRole('button', { name: /Details bob/ }).click();
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).fill('10');
	await page.getByRole('button', { name: 'Refund…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Refund this payment?' });
	await expect(dialog).toContainText('bob gets ¥10.00 back');
	await dialog.getByRole('button', { name: 'Refund ¥10.00' }).click();
	await expect(page.getByRole('row', { name: /bob/ }).first()).toContainText('Part refunded');
	await expect(summary).toContainText('shop keeps ¥20.00 after paying back ¥10.00 in refunds');
	// The refund is today's on the Day report; this line is what became of that day's sales, and says so.
	await expect(page.getByTestId('earlier-day-note')).toContainText('the Day report counts each refund on the day it was made');
	expect(await api.balance(server.url, bob)).toBe(before + 1000);
	expect((await api.refunds(server.url, cashier.token, paid.data.payment.id)).payment.refunded.amount).toBe(1000);
	await screenshot(page, 'qa-owner-refund-earlier-day');
	await expectAccessible(page, 'an earlier day’s payments');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-refund-earlier-day');
	await page.setViewportSize(TABLET);

	// Today again: the current day's list, empty.
	await day.fill(new Date(now + DAY_MS).toISOString().slice(0, 10));
	await expect(page.getByRole('heading', { name: 'Today’s payments' })).toBeVisible();
	await expect(rows).toHaveCount(0);
});
