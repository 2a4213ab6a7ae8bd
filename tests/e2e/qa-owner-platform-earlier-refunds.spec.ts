/**
 * The owner checks the platform's payout for a period with the statement, line by line. A refund made in the period
 * of a sale from before it gives the platform back its saving, but that saving is in an earlier statement: lumped
 * into one "Given back by refunds" line, "savings − given back = the platform pays" did not add up from the lines of
 * this period's sales. It is now a line of its own, and a period that owes the platform says "The shop pays the
 * platform back ¥5.00" (it read "The platform pays the shop −¥5.00").
 * The sale is made a day older in the server's database (its file is this test's): the server's clock cannot be moved.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;
const dbFile = join(tmpdir(), `pos-e2e-platform-earlier-${randomUUID()}.db`);

test.use({ viewport: TABLET, serverEnv: { DATABASE_URL: `sqlite:${dbFile}` } });
test.afterAll(() => {
	for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
});

test('a refund of an earlier sale is its own line on the statement, and a period that owes the platform says the shop pays it back', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// Yesterday: ¥5 off ¥30.00, paid by the platform; its money moved yesterday too.
	const earlier = await api.payWithCoupon(server.url, cashier.token, 'alice', '1111', '¥5 off', 3000);
	const db = new Database(dbFile);
	db.prepare('update payments set settled_at = settled_at - ?, scanned_at = scanned_at - ? where id = ?').run(DAY_MS, DAY_MS, earlier);
	db.prepare('update transfers set created_at = created_at - ? where payment_id = ?').run(DAY_MS, earlier);
	db.close();
	// Refunded in full today: the platform's ¥5.00 goes back to it.
	await api.refund(server.url, cashier.token, earlier);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report/platform');
	const today = new Date().toISOString().slice(0, 10);
	await page.getByLabel('From').fill(today);
	await page.getByLabel('To').fill(today);
	await expect(page.getByTestId('platform-payments')).toHaveText('0');
	await expect(page.getByTestId('platform-subsidy')).toHaveText('¥0.00');
	await expect(page.getByTestId('platform-returned')).toHaveText('¥0.00');
	const earlierLine = page.getByTestId('platform-returned-earlier').locator('..');
	await expect(earlierLine).toContainText('Given back by refunds of earlier sales');
	await expect(page.getByTestId('platform-returned-earlier')).toHaveText('−¥5.00');
	const total = page.getByTestId('platform-owed').locator('..');
	await expect(total).toContainText('The shop pays the platform back');
	await expect(page.getByTestId('platform-owed')).toHaveText('¥5.00');
	await expect(page.getByTestId('platform-reconciled')).toContainText('Matches the ledger: ¥5.00 moved from the shop back to the platform (¥0.00 in, ¥5.00 back).');
	await expect(page.getByText('No sales with a platform coupon in this period.')).toHaveCount(0);
	await captureBoth(page, 'qa-owner-platform-pays-back');

	// A sale today with the platform's 15% off ¥60.00 (¥9.00): the lines add up, ¥9.00 − ¥0.00 − ¥5.00 = ¥4.00.
	await api.payWithCoupon(server.url, cashier.token, 'bob', '2222', '15% off, at most ¥20', 6000);
	await page.reload();
	await page.getByLabel('From').fill(today);
	await page.getByLabel('To').fill(today);
	await expect(page.getByTestId('platform-subsidy')).toHaveText('¥9.00');
	await expect(page.getByTestId('platform-returned')).toHaveText('¥0.00');
	await expect(page.getByTestId('platform-returned-earlier')).toHaveText('−¥5.00');
	await expect(total).toContainText('The platform pays the shop');
	await expect(page.getByTestId('platform-owed')).toHaveText('¥4.00');
	await expect(page.getByTestId('platform-reconciled')).toContainText('Matches the ledger: ¥4.00 moved from the platform to the shop');

	// From yesterday on, yesterday's sale is the period's own: no line for earlier sales.
	const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
	await page.getByLabel('From').fill(yesterday);
	await expect(page.getByTestId('platform-subsidy')).toHaveText('¥14.00');
	await expect(page.getByTestId('platform-returned')).toHaveText('−¥5.00');
	await expect(page.getByTestId('platform-returned-earlier')).toHaveCount(0);
	await expect(page.getByTestId('platform-owed')).toHaveText('¥9.00');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.getByLabel('开始').fill(today);
	await expect(page.getByTestId('platform-returned-earlier').locator('..')).toContainText('之前销售退款时退回平台的优惠');
	await captureBoth(page, 'qa-owner-platform-earlier-zh');
});
