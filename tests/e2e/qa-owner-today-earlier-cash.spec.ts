/**
 * The owner closing the day reads Today's line beside the Day report's. Cash taken today for a declined sale of an
 * earlier day (declined at yesterday's sync, marked paid in cash this morning from yesterday's list) is in the Day
 * report's "paid in cash" and in the drawer, but Today's cash counts only today's declined sales, so the two differed
 * with nothing to say why. Today now says how much cash was taken today for earlier days' sales, and says it as soon
 * as it is noted at another tablet; the Day report, and the X report after the night's close, say how much of their
 * cash was for such sales. The sale is made a day older in the server's database (its file is this test's),
 * as qa-owner-today-earlier-refunds does: the server's clock cannot be moved.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, screenshot } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;
/** A file of its own, named only: made by the server in the worker (the runner that lists the tests makes nothing). */
const dbFile = join(tmpdir(), `pos-e2e-earlier-cash-${randomUUID()}.db`);

test.use({ viewport: TABLET, serverEnv: { DATABASE_URL: `sqlite:${dbFile}` } });
test.afterAll(() => {
	for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
});

test('Today says cash taken today for an earlier day’s declined sale is in the Day report, not in its line', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const payer = await newCustomer(server.url, uniqueHandle('earliercash'), 2_000);
	// ¥30.00 declined (the wallet holds ¥20.00): yesterday's sale (UTC, the server's zone, as the shop's day).
	const declined = await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 3_000);
	expect(declined.status).toBe(402);
	const db = new Database(dbFile);
	db.prepare('update payments set settled_at = settled_at - ?, scanned_at = scanned_at - ? where id = ?').run(DAY_MS, DAY_MS, declined.data.payment.id);
	db.close();
	// Last night's close: the declined sale is in Z report No. 1, so this morning's cash for it is from before the X report's period.
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await api.created(server.url, owner.token, '/reports/z', {});
	// Today's own sale, ¥12.00 from the wallet.
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 1_200)).status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	const summary = page.getByTestId('payments-summary');
	await expect(summary).toContainText('1 paid · shop receives ¥12.00');
	const note = page.getByTestId('earlier-sales-cash');
	await expect(note).toHaveCount(0);

	// The live stream is open once a new sale of today's shows as a row (declined: the line does not change).
	const today = await api.pay(server.url, cashier.token, await api.payCode(server.url, payer), 5_000);
	expect(today.status).toBe(402);
	await expect(page.locator(`tr[data-payment-id="${today.data.payment.id}"]`)).toBeVisible();

	// Yesterday's declined sale noted as paid in cash at another tablet: the note comes with its event.
	await api.created(server.url, cashier.token, `/payments/${declined.data.payment.id}/paid-in-cash`, { note: 'Paid ¥30 in cash' });
	await expect(note).toHaveText('Also taken today: ¥30.00 in cash for 1 declined sale of an earlier day, in the Day report but not in this list.');
	// Today's own line is what became of today's sales, unchanged: no cash of its own.
	await expect(summary).toContainText('1 paid · shop receives ¥12.00');
	await expect(page.getByTestId('payments-summary-cash')).toHaveCount(0);
	await screenshot(page, 'qa-owner-today-earlier-cash');

	// The Day report's figure it speaks of, and how much of it was for earlier days' sales, as Today's note says.
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-paid-in-cash')).toHaveText('1 paid in cash after a decline: ¥30.00');
	await expect(page.getByTestId('report-paid-in-cash-earlier')).toHaveText('Of which for sales made on an earlier day (1): ¥30.00');
	await screenshot(page, 'qa-owner-day-earlier-cash-en');
	// The X report, whose period began at last night's close, says it under its own cash.
	await page.getByRole('button', { name: 'X report' }).click();
	const x = page.getByTestId('x-figures');
	await expect(x.locator('[data-fig=paid-in-cash]')).toHaveText('¥30.00');
	const earlier = x.locator('div', { has: page.locator('[data-fig=paid-in-cash-earlier]') });
	await expect(earlier.locator('dt')).toHaveText('Of which for sales made before this period (1)');
	await expect(earlier.locator('dd')).toHaveText('¥30.00');
	await screenshot(page, 'qa-owner-x-earlier-cash-en');

	// Read with the list when the page opens, in Chinese too, on a phone.
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.setViewportSize(PHONE);
	await page.goto('/cashier/payments');
	await expect(note).toHaveText('今天另为 1 笔往日被拒付的销售收取现金 ¥30.00，计入日报，未列在此。');
	await screenshot(page, 'qa-owner-today-earlier-cash-zh');

	await page.setViewportSize(TABLET);

	// Not on yesterday's list, whose own line counts the cash as taken on another day.
	await page.locator('#payments-date').fill(new Date(Date.now() - DAY_MS).toISOString().slice(0, 10));
	await expect(page.locator(`tr[data-payment-id="${declined.data.payment.id}"]`)).toBeVisible();
	await expect(note).toHaveCount(0);

	// The Day report's line in Chinese, on a phone.
	await page.setViewportSize(PHONE);
	await page.goto('/cashier/report');
	await expect(page.getByTestId('report-paid-in-cash-earlier')).toHaveText('其中为此前日期的销售收取（1 笔）：¥30.00');
	await screenshot(page, 'qa-owner-day-earlier-cash-zh');
});
