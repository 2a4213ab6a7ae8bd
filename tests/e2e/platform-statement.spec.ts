/**
 * The platform coupons statement: at month end a shop's manager checks what the platform owes the shop for the
 * savings of its coupons, net of refunds, against the ledger. Before it there was only the API
 * (GET /api/reports/platform); the Day report links to it for managers.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { paymentReference } from '../../src/lib/payments/reference';
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
	const second = await api.payWithCoupon(server.url, cashier.token, 'alice', '1111', '¥5 off', 3000);
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
	// Which sales those are: by campaign, and a row per payment with its reference, so a payout that differs can be
	// traced to a sale.
	const campaigns = page.getByTestId('platform-campaign');
	await expect(campaigns).toHaveCount(2);
	await expect(campaigns.nth(0)).toContainText('15% off, at most ¥20');
	await expect(campaigns.nth(0)).toContainText('Used 1×');
	await expect(campaigns.nth(0)).toContainText('¥9.00');
	await expect(campaigns.nth(0)).toContainText('Given back −¥4.50');
	await expect(campaigns.nth(1)).toContainText('¥5 off');
	const rows = page.getByTestId('platform-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText(paymentReference(first));
	await expect(rows.nth(0)).toContainText('bob');
	await expect(rows.nth(0)).toContainText('Sale ¥60.00');
	await expect(rows.nth(0)).toContainText('Given back −¥4.50');
	await expect(rows.nth(1)).toContainText(paymentReference(second));
	await expect(rows.nth(1)).toContainText('¥5.00');
	await expect(page.getByTestId('platform-more')).toHaveCount(0);

	// The file holds the same, a row each, for the spreadsheet.
	const download = async (name: string) => {
		const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
		expect(file.suggestedFilename()).toMatch(/^platform-statement-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}\.csv$/);
		return readFileSync((await file.path())!, 'utf8');
	};
	const en = await download('Download CSV');
	expect(en).toMatch(/^\uFEFFReport,Platform coupons statement\r\n/);
	expect(en).toContain('\r\nPlatform’s coupon savings,1400,14.00\r\n');
	expect(en).toMatch(new RegExp(`\\r\\n\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},${first},${paymentReference(first)},bob,"15% off, at most ¥20",Sale,60\\.00,9\\.00,4\\.50,4\\.50\\r\\n`));
	expect(en).toContain(`,${second},${paymentReference(second)},alice,¥5 off,Sale,30.00,5.00,0.00,5.00\r\n`);
	await captureBoth(page, 'platform-statement');
	await page.setViewportSize({ width: 360, height: 740 });
	await screenshot(page, 'platform-statement-360');
	await page.setViewportSize(TABLET);

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
	await expect(page.getByTestId('platform-campaign').nth(0)).toContainText('8.5折，最多减¥20');
	const zh = await download('下载 CSV');
	expect(zh).toMatch(/^\uFEFF报表,平台券结算单\r\n/);
	expect(zh).toContain(`,${first},${paymentReference(first)},bob,8.5折，最多减¥20,销售,60.00,9.00,4.50,4.50\r\n`);
	await captureBoth(page, 'platform-statement-zh');
	await page.setViewportSize({ width: 360, height: 740 });
	await screenshot(page, 'platform-statement-zh-360');
});
