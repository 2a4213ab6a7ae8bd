/**
 * A long day on "Today": the list keeps every payment of the day (the summary counts them all) but draws the
 * newest 100 rows only; "Show more" brings older ones in, from memory first and then from the server.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test('a day of 130 payments, 70 of them arriving live: the newest 100 drawn, every press of "Show more" draws more', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	const payments = async (from: number, count: number) => {
		for (let i = from; i < from + count; i++) {
			const res = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 100 + i);
			expect(res.status).toBe(201);
		}
	};
	await payments(0, 60);
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	const more = page.getByRole('button', { name: 'Show more' });
	await expect(rows).toHaveCount(50); // the server's first page
	await payments(60, 70); // the live stream prepends them: 120 in memory, 100 drawn
	await expect(page.getByText('120 paid')).toBeVisible();
	await expect(rows).toHaveCount(100);
	// The newest first: the last payment (1.00 + 129 fen) heads the list.
	await expect(rows.first()).toContainText('¥2.29');
	await more.click(); // from memory
	await expect(rows).toHaveCount(120);
	await more.click(); // the server's next page: the ten oldest
	await expect(rows).toHaveCount(130);
	await expect(page.getByText('130 paid')).toBeVisible();
	await expect(more).toHaveCount(0);
	await expect(rows.last()).toContainText('¥1.00');
});
