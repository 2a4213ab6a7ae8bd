/**
 * "Today" left open past the shop's midnight (a late counter): it moves to the new day. It used to keep
 * yesterday's date and add the new day's payments, as they came, to yesterday's list and its totals.
 * The tablet's clock is set a day back (page.clock) to stand for "the list was opened yesterday".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;

test('the list of a day that has ended takes no new payments, and moves to the new day when it comes', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const pay = async (amount: number) => expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), amount)).status).toBe(201);
	await pay(500);

	const now = Date.now();
	await page.clock.setFixedTime(now - DAY_MS);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	const summary = page.getByRole('heading', { name: 'Today’s payments' }).locator('../..'); // the page's head: its title and the day's line
	await expect(summary).toContainText('0 paid');
	await expect(rows).toHaveCount(0);

	// A sale of the new day, while the tablet still shows the old one: not listed under the old day.
	await pay(700);
	await page.clock.setFixedTime(now - DAY_MS + 60_000);
	await expect(summary).toContainText('0 paid');
	await expect(rows).toHaveCount(0);

	// The day turns on the tablet too: the next payment that comes brings the whole new day.
	await page.clock.setFixedTime(now);
	await pay(900);
	await expect(rows).toHaveCount(3);
	await expect(summary).toContainText('3 paid · shop receives ¥21.00');
});
