/**
 * A request the server refuses is explained in the cashier's language, by its code: never with the server's own
 * message, which is English (a zh counter showed "退款被拒绝 (The shop's balance does not cover this refund.)").
 * The server's answers are stood in for with page.route: the states that cause them are not reachable at a
 * demo counter (a shop's balance below a refund, a rate limit during "Charge again").
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

/** Signed in (the helper reads English labels), then the counter in Chinese, as the language switch leaves it. */
async function openCounterInChinese(page: Page, baseUrl: string): Promise<void> {
	await openCounterSignedIn(page, baseUrl);
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await expect(page.getByRole('group', { name: '金额键盘' })).toBeVisible();
}

test('a refused refund says why in Chinese, not in the server’s English', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const { status } = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1200);
	expect(status).toBe(201);
	await openCounterInChinese(page, server.url);
	await page.route('**/api/payments/*/refunds', (route) =>
		route.fulfill({ status: 409, json: { error: { code: 'INSUFFICIENT_FUNDS', message: "The shop's balance does not cover this refund." } } })
	);
	await page.goto('/cashier/payments');
	await page.locator('tr[data-payment-id]').first().getByRole('button').click();
	await page.getByRole('button', { name: '退款…' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: '退款 ¥12.00' }).click();
	await expect(dialog).toContainText('商户余额不足以支付这笔退款，未退款。');
	await expect(dialog).not.toContainText('balance');
});

test('"Charge again" refused by the server says why in Chinese', async ({ browser, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterInChinese(page, server.url);
	// Taken offline, declined when sent (carol has ¥20.00).
	await ctx.setOffline(true);
	for (const key of ['3', '0', '0']) await page.getByRole('group', { name: '金额键盘' }).getByRole('button', { name: key, exact: true }).click();
	const field = page.getByLabel('或手动输入付款码');
	await field.fill(await api.payCode(server.url, carol));
	await field.press('Enter');
	await page.getByTestId('charge-queued').getByRole('button', { name: '下一位顾客' }).click();
	await ctx.setOffline(false);
	const entry = page.getByTestId('declined-entry');
	await expect(entry).toHaveCount(1);

	await page.route('**/api/payments', (route) =>
		route.fulfill({
			status: 429,
			headers: { 'Retry-After': '60' },
			json: { error: { code: 'RATE_LIMITED', message: 'Too many unknown payment codes; wait a few minutes.' } }
		})
	);
	await entry.getByRole('button', { name: '重新收款' }).click();
	await entry.getByLabel('顾客的新付款码').fill('889999999999999991');
	await entry.getByRole('button', { name: '收款 ¥300.00' }).click();
	await expect(entry.getByRole('alert')).toHaveText('本店尝试的无效付款码过多。顾客的有效付款码仍可使用；无效码最长 5 分钟内会被拒绝。');
	await ctx.close();
});
