/**
 * The owner opens an earlier day on Today and a sale's detail: its refunds are listed by when they were made. A
 * refund made on a later day (this morning, say, when the customer came back) read only "20:30", as if made on the
 * day on screen. It now says its day where that is not the day on screen, in English and Chinese, on the shop's
 * clock (the server's TIME_ZONE, UTC here; the tablet is on Shanghai's, eight hours on). The server cannot be sent
 * to the next day, so the later refund's time is moved there in the answer the tablet reads (page.route).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { screenshot } from './support/pages';
import { openCounterSignedIn } from './support/pages';

const DAY_MS = 24 * 60 * 60_000;

test.use({ viewport: TABLET });

async function pickDay(page: Page, day: string) {
	await page.locator('#payments-date').fill(day);
	await expect(page.locator('tbody tr[data-payment-id]')).toHaveCount(1);
}

test('a refund made on a later day says its day on an earlier day’s list, one of that day its time alone', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3000);
	expect(paid.status).toBe(201);
	const paymentId = paid.data.payment.id;
	await api.refund(server.url, cashier.token, paymentId, 500);
	const later = await api.refund(server.url, cashier.token, paymentId, 700);

	const now = Date.now();
	const saleDay = new Date(now).toISOString().slice(0, 10);
	const nextDay = new Date(now + DAY_MS).toISOString().slice(0, 10);
	// 20:30 on the shop's (UTC) clock the next day: 04:30 the day after on the tablet's own (Shanghai).
	const laterAt = `${nextDay}T20:30:00.000Z`;
	await page.route(`**/api/payments/${paymentId}`, async (route) => {
		const res = await route.fetch();
		const body = (await res.json()) as { refunds: { id: string; createdAt: string }[] };
		for (const r of body.refunds) if (r.id === later) r.createdAt = laterAt;
		await route.fulfill({ response: res, json: body });
	});

	await page.clock.setFixedTime(now + DAY_MS);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByRole('heading', { name: 'Today’s payments' })).toBeVisible();
	await pickDay(page, saleDay);
	await page.getByRole('button', { name: /Details bob/ }).click();

	// Each refund's line: when, then what ("¥7.00 of the order · ¥7.00 back").
	const lines = page.locator('.refunds li');
	await expect(lines).toHaveCount(2);
	const enDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(laterAt));
	await expect(lines.filter({ hasText: '¥7.00 of the order' })).toContainText(`${enDay}, 20:30`);
	// The refund made on the day on screen: its time alone, as before.
	await expect(lines.filter({ hasText: '¥5.00 of the order' })).toHaveText(/^\s*\d\d:\d\d\s*¥5\.00 of the order/);
	await screenshot(page, 'qa-owner-refund-line-day');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'qa-owner-refund-line-day');
	await page.setViewportSize(TABLET);

	// The same in Chinese.
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await pickDay(page, saleDay);
	await page.locator('tbody tr[data-payment-id]').getByRole('button').click();
	const zhDay = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(laterAt));
	await expect(lines).toHaveCount(2);
	await expect(lines.filter({ hasText: '订单金额 ¥7.00' })).toContainText(`${zhDay} 20:30`);
	await expect(lines.filter({ hasText: '订单金额 ¥5.00' })).toHaveText(/^\s*\d\d:\d\d\s*订单金额 ¥5\.00/);
	await screenshot(page, 'qa-owner-refund-line-day-zh');
});
