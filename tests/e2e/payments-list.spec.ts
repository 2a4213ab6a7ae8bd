/**
 * A long day on "Today": the list reads every payment of the day (its newest page, then the older ones), so the
 * summary and the search cover the whole day; it draws the newest 100 rows only, and "Show more" draws more.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test('a day of 130 payments, 70 of them arriving live: counted and searched whole, the newest 100 drawn, "Show more" draws the rest', async ({ page, server }) => {
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
	// More than the server's first page (50): the older ones are read as well, and the summary counts all 60.
	await expect(rows).toHaveCount(60);
	await expect(page.getByText('60 paid · shop receives ¥77.70')).toBeVisible();
	// The oldest payment is found by a search at once.
	await page.getByRole('searchbox').fill('1.00');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('¥1.00');
	await page.getByRole('searchbox').fill('');

	await payments(60, 70); // the live stream prepends them: 130 in memory, 100 drawn
	await expect(page.getByText('130 paid')).toBeVisible();
	await expect(rows).toHaveCount(100);
	// The newest first: the last payment (1.00 + 129 fen) heads the list.
	await expect(rows.first()).toContainText('¥2.29');
	await more.click();
	await expect(rows).toHaveCount(130);
	await expect(more).toHaveCount(0);
	await expect(rows.last()).toContainText('¥1.00');
});
