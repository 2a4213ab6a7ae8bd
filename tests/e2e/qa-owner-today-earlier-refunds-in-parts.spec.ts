/**
 * One sale of an earlier day refunded today in four parts (the customer brought the goods back one by one): Today's
 * note said "4 refunds of sales of earlier days", and the owner read four sales. It now counts the sales refunded,
 * each once, and says the refunds beside them; the amount is the four parts' sum, to the fen. The Day report's line
 * it points to says the same. The sale is made a day older in the server's database (its file is this test's), as in
 * qa-owner-today-earlier-refunds.spec.ts.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;
const dbFile = join(tmpdir(), `pos-e2e-earlier-refunds-parts-${randomUUID()}.db`);

test.use({ viewport: TABLET, serverEnv: { DATABASE_URL: `sqlite:${dbFile}` } });
test.afterAll(() => {
	for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
});

test('Today counts an earlier sale refunded in four parts as one sale, with its four refunds and their sum to the fen', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const earlier = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 20000);
	expect(earlier.status).toBe(201);
	const id = earlier.data.payment.id as string;
	const db = new Database(dbFile);
	db.prepare('update payments set settled_at = settled_at - ?, scanned_at = scanned_at - ? where id = ?').run(DAY_MS, DAY_MS, id);
	db.close();
	for (const amount of [3333, 3333, 3333, 3334]) {
		const refund = await fetch(`${server.url}/api/payments/${id}/refunds`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
			body: JSON.stringify({ amount: { amount, currency: 'CNY' } })
		});
		expect(refund.status).toBe(201);
	}

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	const note = page.getByTestId('earlier-sales-refunds');
	await expect(note).toHaveText(
		'Also made today: 4 refunds of 1 sale of an earlier day (¥133.33 of that sale), in the Day report but not in this list.'
	);
	await captureBoth(page, 'qa-owner-today-earlier-refunds-in-parts');

	// The Day report's line it speaks of: one sale, four refunds.
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-refunds-earlier')).toHaveText('Of which sales made on an earlier day (1 sale, 4 refunds): ¥133.33');

	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await expect(page.getByTestId('report-refunds-earlier')).toHaveText('其中为此前日期的销售（1 笔销售，4 笔退款）：¥133.33');
	await page.goto('/cashier/payments');
	await expect(note).toHaveText('今天另有 4 笔退款，退的是 1 笔往日销售（退款销售额 ¥133.33），计入日报，未列在此。');
	await captureBoth(page, 'qa-owner-today-earlier-refunds-in-parts-zh');
});
