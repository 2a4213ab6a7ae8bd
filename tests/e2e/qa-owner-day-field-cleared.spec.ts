/**
 * The Day field emptied (the picker's Clear, or its text deleted) on the Day report and on Today. It kept the
 * earlier day's figures on screen under an empty field, and the Day report's "Download CSV" then asked for no day
 * at all and said "network error". An empty field now means the shop's today, as the field says once left.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

const ZONE = 'Asia/Shanghai';
test.use({ viewport: TABLET, serverEnv: { TIME_ZONE: ZONE } });
const DAY_MS = 24 * 60 * 60_000;
const shopDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

test("an emptied Day field shows the shop's today on the Day report and on Today, and the CSV is today's", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1250)).status).toBe(201);
	const today = shopDate(Date.now());
	const yesterday = shopDate(Date.now() - DAY_MS);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	const day = page.getByLabel('Day', { exact: true });
	await expect(page.getByTestId('report-count')).toHaveText('1');
	await day.fill(yesterday);
	await expect(page.getByTestId('report-count')).toHaveText('0');

	// Emptied: today's figures, not yesterday's left under a blank field.
	await day.fill('');
	await expect(page.getByTestId('report-count')).toHaveText('1');
	await expect(page.getByTestId('report-takings')).toHaveText('¥12.50');
	await captureBoth(page, 'qa-owner-day-field-cleared-report');
	// Left, the field says which day that is.
	await day.blur();
	await expect(day).toHaveValue(today);
	await day.fill('');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Day’s payments (CSV)' }).click()]);
	expect(download.suggestedFilename()).toBe(`day-report-${today}.csv`);
	expect(readFileSync((await download.path())!, 'utf8')).toContain(`\r\nPayments,1,\r\n`);
	await expect(page.getByText('Could not reach the server')).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);

	// Today: the same.
	await page.getByRole('link', { name: 'Today' }).click();
	const listDay = page.getByLabel('Day', { exact: true });
	const rows = page.locator('tbody tr');
	await expect(rows.filter({ hasText: '¥12.50' })).toHaveCount(1);
	await listDay.fill(yesterday);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments of an earlier day');
	await expect(rows.filter({ hasText: '¥12.50' })).toHaveCount(0);
	await listDay.fill('');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today’s payments');
	await expect(rows.filter({ hasText: '¥12.50' })).toHaveCount(1);
	await captureBoth(page, 'qa-owner-day-field-cleared-today');
	await listDay.blur();
	await expect(listDay).toHaveValue(today);
});

/**
 * A day typed over the field's own (a segment deleted, then typed again) is the day typed: the emptied field is not
 * filled with today's date under the typing, which would have made it today's month or year.
 */
test('a day typed into the Day field segment by segment is the day typed, on the Day report and on Today', async ({ page, server }) => {
	// The 11th of November: the same digits whichever segment comes first, month or day.
	const now = new Date();
	const eleventh = `${now.getMonth() === 11 || (now.getMonth() === 10 && now.getDate() > 11) ? now.getFullYear() : now.getFullYear() - 1}-11-11`;
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	for (const link of ['Day report', 'Today']) {
		await page.getByRole('link', { name: link, exact: true }).click();
		const day = page.getByLabel('Day', { exact: true });
		await day.fill(eleventh);
		await day.focus();
		await page.keyboard.press('Backspace');
		await expect(day).toHaveValue('');
		await page.keyboard.type('11');
		await expect(day).toHaveValue(eleventh);
	}
});

