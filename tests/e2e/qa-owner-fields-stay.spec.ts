/**
 * Today's Day field and search stay where they were drawn when the day's line gains its totals. On a phone the line
 * stood above them, and its totals (sales, refunds, cash, top-ups) wrapped it onto more lines as they came: the day
 * field moved down ~24 px under a finger on its way to it (session 51's measure). The day's line now comes after the
 * field and the search, over the list it sums up, at every width.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { captureBoth, holdRequests, openCounterSignedIn, pageTop } from './support/pages';

/** A sale, a part of it refunded, a top-up taken in cash: the day's line at its longest. */
async function busyDay(base: string): Promise<void> {
	const cashier = await api.cashierSession(base);
	const bob = await api.customerToken(base, 'bob', '2222');
	const paid = await api.pay(base, cashier.token, await api.payCode(base, bob), 12_345);
	expect(paid.status).toBe(201);
	await api.refund(base, cashier.token, paid.data.payment.id, 2_000);
	await api.created(base, cashier.token, '/topups', { code: await api.payCode(base, bob), amount: { amount: 10_000, currency: 'CNY' } });
}

/** Where the Day field and the search are while the day is read, and once it is on screen. */
async function fieldsBeforeAndAfter(page: Page) {
	const day = page.getByLabel('Day', { exact: true });
	const search = page.getByRole('searchbox');
	const summary = page.getByTestId('payments-summary');
	const release = await holdRequests(page, /\/api\/(payments\?|reports\/daily\?)/);
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(day).toBeVisible();
	// The day alone so far ("7 Dec 2026 (UTC)"): its totals ("1 paid · …") are still held back.
	await expect(summary).not.toContainText('paid');
	const before = { day: await pageTop(day), search: await pageTop(search) };
	release();
	await expect(summary).toContainText('refund');
	await expect(page.getByTestId('payments-summary-topups')).toBeVisible();
	await expect(page.getByRole('row', { name: /bob/ }).first()).toBeVisible();
	return { before, after: { day: await pageTop(day), search: await pageTop(search), summary: await pageTop(summary) } };
}

for (const [name, viewport] of [
	['a phone', PHONE],
	['an upright tablet', { width: 768, height: 1024 }],
	['a tablet', TABLET]
] as const) {
	test(`on ${name}, Today's day field and search stay put as the day's totals come, and the totals sit over the list`, async ({ page, server }) => {
		await page.setViewportSize(viewport);
		await busyDay(server.url);
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		const { before, after } = await fieldsBeforeAndAfter(page);
		expect(after.day, 'the Day field').toBe(before.day);
		expect(after.search, 'the search').toBe(before.search);
		// The line that sums up the list is right over it, under the field that picks its day.
		expect(after.summary).toBeGreaterThan(after.day);
		if (viewport === PHONE) await captureBoth(page, 'qa-owner-today-fields-stay');
	});
}

/**
 * The platform coupons statement's From and To fields stay where they were drawn when the statement comes: its
 * Download CSV and Print, drawn only then, took a row of their own on a phone above the sheet and moved the fields
 * down 56 px (session 51's measure). They are there from the start now, unusable until there is a statement to give.
 */
// The file's tests share a server (a retry has one of its own): each pays with a platform coupon of its own, and the
// month counts what was paid before it too.
for (const [name, viewport, customer, pin, coupon] of [
	['a phone', PHONE, 'bob', '2222', '15% off, at most ¥20'],
	['a tablet', TABLET, 'alice', '1111', '¥5 off']
] as const) {
	test(`on ${name}, the platform statement's From field stays put as the statement comes, and its CSV and Print wait for it`, async ({ page, server }) => {
		await page.setViewportSize(viewport);
		const cashier = await api.cashierSession(server.url);
		await api.payWithCoupon(server.url, cashier.token, customer, pin, coupon, 6000);
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.getByRole('link', { name: 'Day report' }).click();
		const release = await holdRequests(page, /\/api\/reports\/platform\?/);
		await page.getByTestId('platform-statement-link').click();
		const from = page.getByLabel('From');
		const csv = page.getByRole('button', { name: 'Download CSV' });
		const print = page.getByRole('button', { name: 'Print' });
		await expect(from).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
		await expect(csv).toBeDisabled();
		await expect(print).toBeDisabled();
		const before = await pageTop(from);
		release();
		await expect(page.getByTestId('platform-payments')).toHaveText(/^[1-9]\d*$/);
		expect(await pageTop(from)).toBe(before);
		await expect(csv).toBeEnabled();
		await expect(print).toBeEnabled();
		if (viewport === PHONE) await captureBoth(page, 'qa-owner-platform-fields-stay');
	});
}
