/** The wallet history read down its right-hand side, as a customer checks their balance. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a declined attempt is listed struck through, not like money that left the wallet', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 1200)).status).toBe(201);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 5000)).status).toBe(402);

	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.getByRole('link', { name: 'Wallet history' }).click();
	const declined = page.locator('details').filter({ hasText: 'Declined' });
	const paid = page.locator('details').filter({ hasText: 'Paid' });
	await expect(declined.locator('.money').first()).toHaveText('¥50.00');
	await expect(declined.locator('.money').first()).toHaveCSS('text-decoration-line', 'line-through');
	await expect(paid.locator('.money').first()).toHaveText('¥12.00');
	await expect(paid.locator('.money').first()).toHaveCSS('text-decoration-line', 'none');
	await screenshot(page, 'qa-history-declined');
});
