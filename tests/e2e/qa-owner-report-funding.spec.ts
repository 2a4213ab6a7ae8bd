/**
 * The X and Z reports list the savings by campaign, as the Day report does, but did not say who pays for each: the
 * Day report's table has "Paid by", the CSVs too, and the printed Z report (what the platform's payout is checked
 * against) had only the title. Each campaign's line now says who pays, in the owner's language.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('the X report, the Z report and its printed page say who pays for each campaign’s savings', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const held = await api.coupons(server.url, bob);
	const shopPays = held.find((c) => c.rule.kind === 'threshold' && c.state === 'available')!;
	const platformPays = held.find((c) => c.rule.kind === 'percent' && c.state === 'available')!;
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, shopPays.id), 6000)).status).toBe(201);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, platformPays.id), 4000)).status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const lines = page.getByTestId('fig-by-campaign').first().locator('dt');
	await expect(lines.filter({ hasText: '¥10 off orders of ¥50 or more' })).toHaveText(/\(1 use · Paid by: Shop\)/);
	await expect(lines.filter({ hasText: '15% off, at most ¥20' })).toHaveText(/\(1 use · Paid by: Platform\)/);

	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	await page.getByRole('dialog', { name: 'Close the day?' }).getByRole('button', { name: 'Close the day' }).click();
	await expect(page.getByText('Day closed: Z report No. 1.')).toBeVisible();
	await page.getByTestId('z-list').getByRole('link', { name: 'View' }).first().click();
	const sheet = page.getByRole('article');
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Z report No. 1');
	await expect(sheet.getByTestId('fig-by-campaign').locator('dt').filter({ hasText: '15% off' })).toHaveText(/\(1 use · Paid by: Platform\)/);
	await screenshot(page, 'qa-owner-report-funding');

	await page.getByRole('button', { name: /Switch language/ }).click();
	// In Chinese the campaign is named by its rule (8.5折，最多减¥20): its title only restates it. What the line counts is
	// said ("1 ·" alone was not), in Chinese brackets: the English ones, with a space before them, read as mixed text.
	await expect(sheet.getByTestId('fig-by-campaign').locator('dt').filter({ hasText: '8.5折' })).toHaveText('8.5折，最多减¥20（使用 1 次 · 承担方：平台）');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'qa-owner-report-funding-zh');
});
