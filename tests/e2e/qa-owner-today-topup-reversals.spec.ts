/**
 * The owner checks Today's top-up line against the Day report. Two faults the audit found:
 * - A reversal today of a top-up taken on an earlier day read "−¥50.00 in cash for 0 top-ups, 1 reversed" (zh "0 笔
 *   现金充值 −¥50.00，已撤销 1 笔"), and tapping it opened "No top-ups at the counter this day."
 * - After a same-day reversal it read "¥100.00 in cash for 2 top-ups, 1 reversed", a net figure on no report, where the
 *   Day report says "2 top-ups in cash: ¥1,100.00" and the reversed ¥1,000.00 on a line of its own.
 * Today now says what was taken, then what was paid back, as the reports do, naming the day a reversed top-up was
 * taken on when not this one; and the day's list shows that day's reversals of older top-ups, with their own date.
 * At 390 px the line's "·" stays with the top-up link, whose words wrap from the start. The earlier day's top-up is
 * made a day older in the server's database (its file is this test's): the server's clock cannot be moved.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;

/** The day before `ymd` (YYYY-MM-DD), as the Today line writes a day in each language. */
const dayBefore = (ymd: string, locale: 'en-GB' | 'zh-CN') =>
	new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.parse(`${ymd}T00:00:00Z`) - DAY_MS));

async function topUp(url: string, cashier: string, customer: string, minor: number): Promise<string> {
	const made = await api.created<{ topUp: { id: string } }>(url, cashier, '/topups', { code: await api.payCode(url, customer), amount: { amount: minor, currency: 'CNY' } });
	return made.topUp.id;
}

async function reverse(url: string, id: string): Promise<void> {
	const owner = await api.cashierSession(url, 'demo-cafe', 'owner', '9999');
	await api.created(url, owner.token, `/topups/${id}/reversal`, {});
}

async function inChinese(page: Page) {
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await expect(page.getByRole('heading', { name: '今日付款' })).toBeVisible();
}

/** The line's "·" sits on the first line of the top-up link, not alone at the end of the line before it. */
async function expectSeparatorWithLink(page: Page) {
	const link = page.getByTestId('payments-summary-topups');
	expect(await link.evaluate((b) => getComputedStyle(b).textAlign)).toBe('start');
	const [dot, button, lineHeight] = await link.evaluate((b) => {
		const text = b.previousSibling ?? b.parentElement!.firstChild!;
		const range = document.createRange();
		range.selectNodeContents(text);
		return [range.getBoundingClientRect().toJSON(), b.getBoundingClientRect().toJSON(), parseFloat(getComputedStyle(b).lineHeight)] as const;
	});
	expect(dot.top).toBeGreaterThanOrEqual(button.top - 2);
	expect(dot.bottom).toBeLessThanOrEqual(button.top + lineHeight + 2);
}

test.describe('a reversal today of a top-up taken yesterday', () => {
	const dbFile = join(tmpdir(), `pos-e2e-topup-reversal-earlier-${randomUUID()}.db`);
	test.use({ serverEnv: { DATABASE_URL: `sqlite:${dbFile}` } });
	test.afterAll(() => {
		for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
	});

	test('Today says the cash paid back for yesterday’s top-up, and its list shows it, in en at 1024 and zh at 390', async ({ page, server }) => {
		await page.setViewportSize(TABLET);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const till = await api.cashierSession(server.url);
		const id = await topUp(server.url, till.token, bob, 5_000);
		// Taken yesterday (UTC, the server's zone, as the shop's day); reversed this morning.
		const db = new Database(dbFile);
		db.prepare('update counter_topups set created_at = created_at - ? where id = ?').run(DAY_MS, id);
		db.close();
		await reverse(server.url, id);
		// Today's Day report (the shop's day, the server's default): the reversal's cash, and no top-up taken.
		const report = await (await fetch(`${server.url}/api/reports/daily`, { headers: { Authorization: `Bearer ${till.token}` } })).json();
		expect([report.topUpCount, report.topUpReversalCount, report.topUpsReversed.amount]).toEqual([0, 1, 5_000]);

		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/payments');
		const line = page.getByTestId('payments-summary-topups');
		await expect(line).toHaveText(`¥50.00 paid back: 1 top-up of ${dayBefore(report.date, 'en-GB')} reversed`);
		await expect(page.getByTestId('payments-summary')).not.toContainText('0 top-ups');
		await screenshot(page, 'qa-owner-today-topup-reversed-earlier-en');

		// The line leads to the reversal: none taken today, and yesterday's top-up reversed today, with its own day.
		await line.click();
		const dialog = page.getByRole('dialog', { name: 'Top-ups at the counter' });
		await expect(dialog.getByTestId('topups-none')).toHaveText('No top-ups taken at the counter this day.');
		const earlier = dialog.getByTestId('topups-earlier-reversed');
		await expect(dialog.getByRole('heading', { name: 'Taken on an earlier day, reversed this day' })).toBeVisible();
		await expect(earlier.locator('li')).toHaveCount(1);
		await expect(earlier.locator('li')).toContainText('¥50.00');
		await expect(earlier.locator('li')).toContainText(new RegExp(`bob · ${dayBefore(report.date, 'en-GB')}, \\d\\d:\\d\\d · taken by cashier-1`));
		// Reversed today: its time alone.
		await expect(earlier.getByTestId('topup-reversed')).toHaveText(/^Reversed \d\d:\d\d by owner$/);
		await expect(earlier.getByTestId('topup-reverse')).toHaveCount(0);
		await screenshot(page, 'qa-owner-today-topup-reversed-earlier-en-list');
		await dialog.getByRole('button', { name: 'Close' }).click();

		// The Day report's own line for the same figure.
		await page.getByRole('link', { name: 'Day report' }).click();
		await expect(page.getByTestId('report-top-ups-reversed')).toContainText('¥50.00');
		await expect(page.getByTestId('report-top-ups')).toHaveCount(0);

		// Chinese, on a phone.
		await page.setViewportSize(PHONE);
		await page.goto('/cashier/payments');
		await inChinese(page);
		await expect(line).toHaveText(`退还现金 ¥50.00：撤销 ${dayBefore(report.date, 'zh-CN')} 的 1 笔充值`);
		await expectSeparatorWithLink(page);
		await screenshot(page, 'qa-owner-today-topup-reversed-earlier-zh');
		await line.click();
		const zhDialog = page.getByRole('dialog', { name: '柜台充值' });
		await expect(zhDialog.getByTestId('topups-none')).toHaveText('这一天柜台没有收取充值。');
		await expect(zhDialog.getByRole('heading', { name: '往日收取、本日撤销的充值' })).toBeVisible();
		await expect(zhDialog.getByTestId('topups-earlier-reversed').locator('li')).toContainText(/bob · .* · 收款人 cashier-1/);
		await expect(zhDialog.getByTestId('topup-reversed')).toHaveText(/^已于 \d\d:\d\d 由 owner 撤销$/);
		await screenshot(page, 'qa-owner-today-topup-reversed-earlier-zh-list');
	});
});

test.describe('a reversal the same day', () => {
	test('Today says the cash taken, then the cash paid back, as the Day report does, in en at 1024 and zh at 390', async ({ page, server }) => {
		await page.setViewportSize(TABLET);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const till = await api.cashierSession(server.url);
		const wrong = await topUp(server.url, till.token, bob, 100_000);
		await topUp(server.url, till.token, bob, 10_000);
		await reverse(server.url, wrong);

		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.goto('/cashier/payments');
		const line = page.getByTestId('payments-summary-topups');
		await expect(line).toHaveText('2 top-ups in cash: ¥1,100.00; ¥1,000.00 paid back: 1 top-up reversed');
		await screenshot(page, 'qa-owner-today-topup-reversed-same-day-en');
		// Each figure is the Day report's.
		await page.getByRole('link', { name: 'Day report' }).click();
		await expect(page.getByTestId('report-top-ups')).toContainText('2 top-ups in cash');
		await expect(page.getByTestId('report-top-ups')).toContainText('¥1,100.00');
		await expect(page.getByTestId('report-top-ups-reversed')).toContainText('1 top-up reversed');
		await expect(page.getByTestId('report-top-ups-reversed')).toContainText('¥1,000.00');

		// Both top-ups are the day's own: listed as taken, one reversed; none from an earlier day.
		await page.goto('/cashier/payments');
		await line.click();
		const dialog = page.getByRole('dialog', { name: 'Top-ups at the counter' });
		await expect(dialog.getByTestId('topups-of-day').locator('li')).toHaveCount(2);
		await expect(dialog.getByTestId('topup-reversed')).toHaveText(/^Reversed \d\d:\d\d by owner$/);
		await expect(dialog.getByTestId('topups-earlier-reversed')).toHaveCount(0);
		await screenshot(page, 'qa-owner-today-topup-reversed-same-day-en-list');
		await dialog.getByRole('button', { name: 'Close' }).click();

		await page.setViewportSize(PHONE);
		await inChinese(page);
		await expect(line).toHaveText('2 笔现金充值：¥1,100.00；退还现金 ¥1,000.00：撤销 1 笔充值');
		await expectSeparatorWithLink(page);
		await screenshot(page, 'qa-owner-today-topup-reversed-same-day-zh');
		await line.click();
		await expect(page.getByRole('dialog', { name: '柜台充值' }).getByTestId('topups-of-day').locator('li')).toHaveCount(2);
		await screenshot(page, 'qa-owner-today-topup-reversed-same-day-zh-list');
	});
});
