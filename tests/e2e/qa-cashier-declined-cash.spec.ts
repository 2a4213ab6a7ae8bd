/**
 * A sale declined at the counter (online), then paid in cash by the customer: the cashier notes it from
 * today's payments, and the day report counts it in the till. Only declines of sales taken offline could be
 * noted (from the counter's "Declined after sending" list); an online decline had no way to, so the till was
 * short of nothing the report knew about.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test('a declined sale is noted as paid in cash from today’s payments, and the day report counts it', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const { status } = await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 5000);
	expect(status).toBe(402);
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const row = page.locator('tr[data-payment-id]').first();
	await expect(row).toContainText('Declined');
	await row.getByRole('button', { name: /Details/ }).click();

	await page.getByRole('button', { name: 'Paid in cash' }).click();
	const note = page.getByLabel('Note');
	await expect(note).toBeFocused();
	await page.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await expect(page.getByText('Write a short note')).toBeVisible();
	await note.fill('Took ¥50 in cash');
	await expect(page.getByText('Write a short note')).toBeHidden(); // a note is written: the error goes
	await page.setViewportSize(PHONE);
	await captureBoth(page, 'qa-payments-declined-cash-form');
	await page.getByRole('button', { name: 'Mark as paid in cash' }).click();

	await expect(page.getByTestId('paid-in-cash-note')).toContainText('“Took ¥50 in cash”');
	await expect(row.getByTestId('paid-in-cash')).toHaveText('Paid in cash afterwards');
	await expect(page.getByRole('button', { name: 'Paid in cash' })).toHaveCount(0);
	expect(await api.balance(server.url, carol)).toBe(2000); // nothing taken from the wallet

	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-paid-in-cash')).toHaveText('1 paid in cash after a decline: ¥50.00');
});
