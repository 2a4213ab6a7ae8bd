/**
 * The X report's "Download CSV" takes the report as of the moment it is fetched, and the screen shows that very
 * report: the file and the screen are one read, with the same sales, the same "Taken at", and a file named by
 * that minute. The file was named by the tablet's clock, which is not the server's (a tablet 2 hours slow named
 * the 15:10 file "…T1310"); and the screen was read again after the file, so a sale at another till between the
 * two reads was on screen and not in the file an owner then compared with it.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test("the X report's CSV and the screen after it are one report: the same sales and 'Taken at', and the file named by it", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const sale = async (amount: number) => expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), amount)).status).toBe(201);
	await sale(1000);

	// The tablet's clock is two hours behind the server's.
	await page.clock.install({ time: Date.now() - 2 * 60 * 60_000 });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=count]')).toHaveText('1');

	// A sale at another tablet after this X report was taken: the file counts it, and so does the screen.
	await sale(2000);
	// And one more the moment the file has been read, before the tablet has it.
	await saleRightAfterTheFileIsRead(page, () => sale(500));
	const xSection = page.locator('section', { has: x });
	const [download] = await Promise.all([page.waitForEvent('download'), xSection.getByRole('button', { name: 'Download CSV' }).click()]);
	const takenAt = await expectNamedByItsOwnTime(download, 2);
	// The screen is the file's report: its two sales (not the third, which neither holds), taken the same minute.
	await expect(x.locator('[data-fig=count]')).toHaveText('2');
	await expect(x.locator('[data-fig=amount]')).toContainText('30.00');
	await expect(xSection.getByText(/Taken \d/)).toContainText(`, ${takenAt}`);
	await captureBoth(page, 'qa-owner-x-csv-screen');

	// The X report's own printable page: read as it opens (the third sale is in), and its file is again the sheet's.
	await xSection.getByRole('link', { name: 'Print' }).click();
	const sheet = page.getByRole('article');
	await expect(sheet.locator('[data-fig=count]')).toHaveText('3');
	await saleRightAfterTheFileIsRead(page, () => sale(700));
	const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
	const printedAt = await expectNamedByItsOwnTime(again, 3);
	await expect(sheet.locator('[data-fig=count]')).toHaveText('3');
	await expect(sheet.locator('[data-fig=amount]')).toContainText('35.00');
	await expect(sheet.getByText(/Taken \d/)).toContainText(`, ${printedAt}`);
	await captureBoth(page, 'qa-owner-x-csv-sheet');
});

/**
 * The next answer that carries the X report's file is held until `sell` has made a sale: the sale lands after the
 * file was read and before the tablet shows anything, the moment a second read (of the screen) would count it.
 */
async function saleRightAfterTheFileIsRead(page: Page, sell: () => Promise<void>): Promise<void> {
	await page.route(
		(url) => url.pathname === '/api/reports/x' && (url.searchParams.get('format') === 'csv' || url.searchParams.get('include') === 'csv'),
		async (route) => {
			const response = await route.fetch();
			await sell();
			await route.fulfill({ response });
		},
		{ times: 1 }
	);
}

/** The file counts `count` payments and is named by the minute its own "Taken at" says; that minute ("14:05"). */
async function expectNamedByItsOwnTime(download: Download, count: number): Promise<string> {
	const file = readFileSync((await download.path())!, 'utf8');
	expect(file).toContain(`\r\nPayments,${count},\r\n`);
	const takenAt = /\r\nTaken at,(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):\d{2}\r\n/.exec(file);
	expect(takenAt).not.toBeNull();
	expect(download.suggestedFilename()).toBe(`x-report-${takenAt![1]}T${takenAt![2]}${takenAt![3]}.csv`);
	return `${takenAt![2]}:${takenAt![3]}`;
}
