/**
 * A cashier signs out with sales still queued ("Payments not sent yet" said it, and they chose "Sign out anyway"). The
 * sign-in screen then said nothing of them: on a spare tablet put away in a drawer, nobody knew that ¥24.00 waited
 * for a sign-in, and a sale not sent within 24 hours is declined. The sign-in screen now says how many sales wait, for
 * how much, that they go out once a cashier of the shop signs in, and by when; the line goes once they are sent.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, preloadChinese, queueSaleOffline, screenshot, switchLanguage } from './support/pages';

const WAITING = {
	en: '2 sales (¥24.00) taken offline wait on this tablet, not paid yet: sent once a cashier of the shop signs in here. Sign in within 24 hours of the sale, or the server declines it.',
	zh: '这台平板上有 2 笔离线收款（¥24.00）尚未付款：本店收银员在这里登录后才会发送。请在收款后 24 小时内登录，否则会被服务器拒绝。'
};

for (const viewport of [TABLET, PHONE]) {
	test(`signed out with sales queued, the sign-in screen says they wait for a sign-in; signed in, they go (${viewport.width}px)`, async ({ browser, server }) => {
		const customer = await newCustomer(server.url, uniqueHandle('waits'), 50_000);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		await preloadChinese(page);
		const waiting = page.getByTestId('waiting-for-sign-in');
		await ctx.setOffline(true);
		await queueSaleOffline(page, '9', await api.payCode(server.url, customer));
		await queueSaleOffline(page, '15', await api.payCode(server.url, customer));
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.getByRole('button', { name: 'Sign out anyway' }).click();
		await expect(waiting.locator('.text')).toHaveText(WAITING.en);
		await expect(waiting).toBeInViewport({ ratio: 1 });
		await screenshot(page, `signed-out-waiting-${viewport.width}-en`);
		await switchLanguage(page);
		await expect(waiting.locator('.text')).toHaveText(WAITING.zh);
		await screenshot(page, `signed-out-waiting-${viewport.width}-zh`);
		await switchLanguage(page);

		// Back online, nothing is sent while nobody is signed in: the line stays. Signed in, the sales go.
		await ctx.setOffline(false);
		await page.reload();
		await expect(waiting.locator('.text')).toHaveText(WAITING.en);
		expect(await api.balance(server.url, customer)).toBe(50_000);
		await page.getByLabel('Shop').fill('demo-cafe');
		await page.getByLabel('Cashier').fill('cashier-1');
		await page.getByLabel('PIN').fill('1234');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
		await expect.poll(() => api.balance(server.url, customer)).toBe(50_000 - 2_400);

		// Signed out again with nothing left to send: no line.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByLabel('PIN')).toBeVisible();
		await expect(waiting).toHaveCount(0);
		await ctx.close();
	});
}
