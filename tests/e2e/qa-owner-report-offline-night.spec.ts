/**
 * A tablet offline at night: bob paid at 23:30, the sale reached the server the next morning and counts on that day,
 * as its money moved then. The Day report said nothing of it on either day: the night's orders went missing from one
 * day with no trace, and the next day's sales seemed to hold one rung up when it was sent. Both days now say it,
 * under Sales. The server's clock cannot be moved, so the sale's scan time is set back to last night in the server's
 * SQLite file, as an offline tablet's sync would have written it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, screenshot } from './support/pages';

const ZONE = 'Asia/Shanghai';
test.use({ viewport: TABLET, serverEnv: { TIME_ZONE: ZONE } });

const shopDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
/** Milliseconds since the shop's midnight (Shanghai keeps no summer time). */
function sinceShopMidnight(ms: number): number {
	const [h, m, s] = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms).split(':').map(Number);
	return ((h! * 60 + m!) * 60 + s!) * 1000 + (ms % 1000);
}

test('a sale taken offline last night and sent this morning is said on both days of the Day report', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const sent = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1800);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 2500)).status).toBe(201);
	expect(sent.status).toBe(201);
	const db = new Database(join(server.dir, 'pos.db'));
	db.pragma('busy_timeout = 5000');
	const { settled_at: settledAt } = db.prepare('select settled_at from payments where id = ?').get(sent.data.payment.id) as { settled_at: number };
	const lastNight = settledAt - sinceShopMidnight(settledAt) - 30 * 60_000;
	db.prepare('update payments set scanned_at = ? where id = ?').run(lastNight, sent.data.payment.id);
	db.close();

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-count')).toHaveText('2');
	await expect(page.getByTestId('report-offline-earlier')).toHaveText('Of which taken offline on an earlier day, counted on the day they reached the server (1): ¥18.00');
	await expect(page.getByTestId('report-offline-later')).toHaveCount(0);
	await captureBoth(page, 'qa-owner-report-offline-morning');

	// Last night's report: the sale is not in its figures, and it says where it went.
	await page.getByLabel('Day', { exact: true }).fill(shopDate(lastNight));
	await expect(page.getByTestId('report-count')).toHaveText('0');
	await expect(page.getByTestId('report-offline-later')).toHaveText(
		'Not included: taken offline on this day, they reached the server on a later day and count there (1): ¥18.00'
	);
	await expect(page.getByTestId('report-offline-earlier')).toHaveCount(0);
	await captureBoth(page, 'qa-owner-report-offline-night');
	await page.setViewportSize({ width: 360, height: 740 });
	await screenshot(page, 'qa-owner-report-offline-night-360');

	await page.setViewportSize(TABLET);
	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(page.getByTestId('report-offline-later')).toHaveText('不含：本日离线收款、之后才送达服务器并计入当日的销售（1 笔）：¥18.00');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-report-offline-night-zh');
	await page.setViewportSize(TABLET);
	await page.getByLabel('日期', { exact: true }).fill(shopDate(settledAt));
	await expect(page.getByTestId('report-offline-earlier')).toHaveText('其中为此前日期离线收款、于送达服务器当日计入的销售（1 笔）：¥18.00');
	await screenshot(page, 'qa-owner-report-offline-morning-zh');
});
