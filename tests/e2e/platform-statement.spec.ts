/**
 * The platform coupons statement: at month end a shop's manager checks what the platform owes the shop for the
 * savings of its coupons, net of refunds, against the ledger. Before it there was only the API
 * (GET /api/reports/platform); the Day report links to it for managers.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test("a manager reads the month's platform coupon savings, less refunds, matched with the ledger; a cashier has no link", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// 15% off ¥60.00 (the platform pays ¥9.00) and ¥5 off ¥30.00 (the platform pays ¥5.00); the shop's own ¥10 off
	// is not the platform's and stays out.
	const first = await api.payWithCoupon(server.url, cashier.token, 'bob', '2222', '15% off, at most ¥20', 6000);
	await api.payWithCoupon(server.url, cashier.token, 'alice', '1111', '¥5 off', 3000);
	await api.payWithCoupon(server.url, cashier.token, 'alice', '1111', '¥10 off orders of ¥50 or more', 5000);
	// Half of the first sale refunded: half of the platform's ¥9.00 goes back to it.
	const refund = await fetch(`${server.url}/api/payments/${first}/refunds`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ amount: { amount: 3000, currency: 'CNY' } })
	});
	expect(refund.status).toBe(201);

	// A cashier who does not manage sees the Day report without the link.
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-figures')).toBeVisible();
	await expect(page.getByTestId('platform-statement-link')).toHaveCount(0);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('platform-statement-link')).toBeVisible();
	await screenshot(page, 'platform-statement-link');
	await page.getByTestId('platform-statement-link').click();
	await expect(page.getByRole('heading', { name: 'Platform coupons statement' })).toBeVisible();
	// The bar still shows the section the page is under (it lit nothing on a page below the Day report).
	await expect(page.getByRole('navigation').getByRole('link', { name: 'Day report' })).toHaveAttribute('aria-current', 'true');
	await expect(page.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('platform-payments')).toHaveText('2');
	await expect(page.getByTestId('platform-subsidy')).toHaveText('¥14.00');
	await expect(page.getByTestId('platform-returned')).toHaveText('−¥4.50');
	await expect(page.getByTestId('platform-owed')).toHaveText('¥9.50');
	await expect(page.getByTestId('platform-reconciled')).toContainText('Matches the ledger: ¥9.50 moved from the platform to the shop (¥14.00 in, ¥4.50 back).');
	await captureBoth(page, 'platform-statement');

	// The month before holds none of it.
	await page.getByRole('button', { name: 'Last month' }).click();
	await expect(page.getByTestId('platform-payments')).toHaveText('0');
	await expect(page.getByTestId('platform-owed')).toHaveText('¥0.00');
	await expect(page.getByText('No sales with a platform coupon in this period.')).toBeVisible();

	// An end before the start is said, not sent.
	await page.getByRole('button', { name: 'This month' }).click();
	const from = await page.getByLabel('From').inputValue();
	const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
	await page.getByLabel('To').fill(dayBefore);
	await expect(page.getByRole('alert')).toContainText('The end comes before the start');
	await expect(page.getByTestId('platform-statement')).toHaveCount(0);

	await page.getByRole('button', { name: 'This month' }).click();
	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(page.getByRole('heading', { name: '平台券结算单' })).toBeVisible();
	await expect(page.getByTestId('platform-reconciled')).toContainText('与账本一致');
	await captureBoth(page, 'platform-statement-zh');
});
