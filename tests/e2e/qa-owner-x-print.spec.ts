/**
 * The X report on paper: a manager handing over the till mid-day prints the figures since the last close, as a Z
 * report prints. The X report on the Day report had only "Download CSV", and the Day report's Print left the whole
 * "Close the day" card off the sheet, so an X report could not be printed at all.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('the X report prints: its own page names the shop, says it is not a close and since when, and puts its figures on paper', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2350)).status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const xSection = page.locator('section', { has: page.getByTestId('x-figures') });
	await expect(xSection.locator('[data-fig=settlement]')).toHaveText('¥23.50');

	await xSection.getByRole('link', { name: 'Print' }).click();
	await expect(page).toHaveURL(/\/cashier\/report\/x$/);
	const sheet = page.getByRole('article');
	await expect(sheet).toContainText('Demo Café');
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('X report (not closed)');
	await expect(sheet).toContainText('Since the shop opened');
	await expect(sheet).toContainText(/Taken \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
	await expect(sheet.locator('[data-fig=settlement]')).toHaveText('¥23.50');
	await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
	await captureBoth(page, 'qa-owner-x-print');

	// On paper: the sheet, without the way back or the buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(sheet.locator('[data-fig=settlement]')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	await expect(page.getByRole('link', { name: '← Day report' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	// In Chinese too.
	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('X 报表（未日结）');
	await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
	await captureBoth(page, 'qa-owner-x-print-zh');
});
