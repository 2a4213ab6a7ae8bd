/**
 * A screen reader going through the past Z reports heard "View, Download CSV, View, Download CSV…": every row's
 * buttons had the same name, so which report each opens was not said. Each now names its report (the visible word
 * stays first in the name), and the X report's Print says it prints the X report, not the day above it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test("past Z reports' View and Download CSV, and the X report's Print, name the report they are for, in English and Chinese", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	for (let i = 0; i < 2; i++) {
		const res = await fetch(`${server.url}/api/reports/z`, { method: 'POST', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
		expect(res.status).toBe(201);
	}
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	const list = page.getByTestId('z-list');
	await expect(list.getByRole('link', { name: 'View Z report No. 2' })).toHaveAttribute('href', '/cashier/report/z/2');
	await expect(list.getByRole('link', { name: 'View Z report No. 1' })).toHaveAttribute('href', '/cashier/report/z/1');
	const [file] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download CSV of Z report No. 1' }).click()]);
	expect(file.suggestedFilename()).toBe('z-report-1.csv');
	await page.getByRole('button', { name: 'X report' }).click();
	await expect(page.getByRole('link', { name: 'Print the X report' })).toHaveAttribute('href', '/cashier/report/x');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(list.getByRole('link', { name: '查看 Z 报表 第 1 号' })).toBeVisible();
	await expect(list.getByRole('button', { name: '下载 CSV：Z 报表 第 1 号' })).toBeVisible();
	await expect(page.getByRole('link', { name: '打印 X 报表' })).toBeVisible();
});
