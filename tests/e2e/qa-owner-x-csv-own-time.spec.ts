/**
 * The X report's "Download CSV" takes a report of its own, as of the moment it is fetched. Its file must be named by
 * that moment (the "Taken at" the file itself says), and the screen's X report is read again with it, so a sale
 * made since the screen's was taken is on screen and in the file, under the file's own time. The file was named
 * by the tablet's clock, which is not the server's: a tablet 2 hours slow named the 15:10 file "…T1310".
 */
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test("the X report's CSV is named by the time it says it was taken, and the screen shows the sales it counts", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1000)).status).toBe(201);

	// The tablet's clock is two hours behind the server's.
	await page.clock.install({ time: Date.now() - 2 * 60 * 60_000 });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=count]')).toHaveText('1');

	// A sale at another tablet after this X report was taken.
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2000)).status).toBe(201);
	const xSection = page.locator('section', { has: x });
	const [download] = await Promise.all([page.waitForEvent('download'), xSection.getByRole('button', { name: 'Download CSV' }).click()]);
	await expectNamedByItsOwnTime(download, 2);
	// The screen counts the sale the file counts.
	await expect(x.locator('[data-fig=count]')).toHaveText('2');
	await expect(x.locator('[data-fig=amount]')).toContainText('30.00');

	// The X report's own printable page gives the same file.
	await xSection.getByRole('link', { name: 'Print' }).click();
	await expect(page.getByRole('article').locator('[data-fig=count]')).toHaveText('2');
	const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
	await expectNamedByItsOwnTime(again, 2);
});

/** The file counts `count` payments and is named by the minute its own "Taken at" says. */
async function expectNamedByItsOwnTime(download: Download, count: number): Promise<void> {
	const file = readFileSync((await download.path())!, 'utf8');
	expect(file).toContain(`\r\nPayments,${count},\r\n`);
	const takenAt = /\r\nTaken at,(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):\d{2}\r\n/.exec(file);
	expect(takenAt).not.toBeNull();
	expect(download.suggestedFilename()).toBe(`x-report-${takenAt![1]}T${takenAt![2]}${takenAt![3]}.csv`);
}

