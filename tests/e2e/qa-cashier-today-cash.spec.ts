/**
 * Cash taken at the counter for a sale declined and then paid in cash is in the till, and the Day report counts it
 * ("1 paid in cash after a decline: ¥50.00"); Today's line said only what was paid through the wallet, so an owner
 * putting the two side by side could not tell where the Day report's cash came from. Today's line says it now, the
 * same figure for the same shop day, and follows a note made while it is open.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { captureBoth, openCounterSignedIn, preloadChinese } from './support/pages';

test('Today’s line says the cash taken after declines, as the Day report does', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const payer = await newCustomer(server.url, uniqueHandle('cash'), 2_000);
	// ¥12.00 paid from the wallet; ¥50.00 declined (the wallet holds ¥8.00 then), paid in cash.
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 1_200)).status).toBe(201);
	const declined = await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 5_000);
	expect(declined.status).toBe(402);
	await api.created(server.url, cashier.token, `/payments/${declined.data.payment.id}/paid-in-cash`, { note: 'Took ¥50 in cash' });
	// Declined and not paid in cash: not counted.
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 900)).status).toBe(402);

	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const summary = page.getByTestId('payments-summary');
	await expect(summary).toContainText('1 paid · shop receives ¥12.00 · ¥50.00 taken in cash after a decline');

	// Noted at another till while Today is open: the line follows.
	const again = await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 1_000);
	expect(again.status).toBe(402);
	await expect(page.locator(`tr[data-payment-id="${again.data.payment.id}"]`)).toBeVisible();
	await api.created(server.url, cashier.token, `/payments/${again.data.payment.id}/paid-in-cash`, { note: 'cash' });
	await expect(page.getByTestId('payments-summary-cash')).toHaveText('¥60.00 taken in cash after 2 declines');
	await captureBoth(page, 'qa-cashier-today-cash');

	// The Day report of the same day says the same cash.
	const report = (await api.dailyReport(server.url, cashier.token)) as unknown as { paidInCashCount: number; paidInCash: api.Money };
	expect([report.paidInCashCount, report.paidInCash.amount]).toEqual([2, 6_000]);
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-paid-in-cash')).toHaveText('2 paid in cash after a decline: ¥60.00');

	await preloadChinese(page);
	await page.locator('button.lang').click();
	await page.getByRole('link', { name: '今日' }).click();
	await expect(page.getByTestId('payments-summary-cash')).toHaveText('2 笔拒付后以现金收款 ¥60.00');
	await captureBoth(page, 'qa-cashier-today-cash-zh');
});
