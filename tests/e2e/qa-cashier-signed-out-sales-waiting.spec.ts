/**
 * A cashier signs out with sales still queued ("Payments not sent yet" said it, and they chose "Sign out anyway"). The
 * sign-in screen then said nothing of them: on a spare tablet put away in a drawer, nobody knew that ¥24.00 waited
 * for a sign-in, and a sale not sent within 24 hours is declined. The sign-in screen now says how many sales wait, for
 * how much, that they go out once a cashier of the shop signs in, and by when (the server's window from the first); the line goes once they are sent.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, preloadChinese, queueSaleOffline, screenshot, switchLanguage } from './support/pages';

/**
 * The server keeps queued sales 2 hours here (OFFLINE_WINDOW_MS), not the default 24: the line gives the moment the
 * first sale's 2 hours run out, on the shop's clock, as the last sign-in on the tablet was told.
 */
const WINDOW_MS = 2 * 3_600_000;
test.use({ serverEnv: { OFFLINE_WINDOW_MS: String(WINDOW_MS) } });

/** The line, for a first sale scanned at `at` (epoch ms). */
function waitingLine(lang: 'en' | 'zh', at: number): string {
	const deadline = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(
		new Date(at + WINDOW_MS)
	);
	return lang === 'en'
		? `2 sales (¥24.00) taken offline wait on this tablet, not paid yet: sent once a cashier of the shop signs in here. Sign in before ${deadline}, or the server declines the first of them.`
		: `这台平板上有 2 笔离线收款（¥24.00）尚未付款：本店收银员在这里登录后才会发送。请在 ${deadline} 前登录，否则会被服务器拒绝。`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const viewport of [TABLET, PHONE]) {
	test(`signed out with sales queued, the sign-in screen says they wait for a sign-in; signed in, they go (${viewport.width}px)`, async ({ browser, server }) => {
		const customer = await newCustomer(server.url, uniqueHandle('waits'), 50_000);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		await preloadChinese(page);
		const waiting = page.getByTestId('waiting-for-sign-in');
		await ctx.setOffline(true);
		// The first sale is scanned within these bounds: the line's minute is one of theirs. (Each code is asked for
		// just before its scan: a customer's new code retires the one before.)
		const first = await api.payCode(server.url, customer);
		const before = Date.now();
		await queueSaleOffline(page, '9', first);
		const after = Date.now();
		const line = (lang: 'en' | 'zh') => new RegExp(`^(${[...new Set([waitingLine(lang, before), waitingLine(lang, after)])].map(escape).join('|')})$`);
		await queueSaleOffline(page, '15', await api.payCode(server.url, customer));
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.getByRole('button', { name: 'Sign out anyway' }).click();
		await expect(waiting.locator('.text')).toHaveText(line('en'));
		await expect(waiting).toBeInViewport({ ratio: 1 });
		await screenshot(page, `signed-out-waiting-${viewport.width}-en`);
		await switchLanguage(page);
		await expect(waiting.locator('.text')).toHaveText(line('zh'));
		await screenshot(page, `signed-out-waiting-${viewport.width}-zh`);
		await switchLanguage(page);

		// Back online, nothing is sent while nobody is signed in: the line stays. Signed in, the sales go.
		await ctx.setOffline(false);
		await page.reload();
		await expect(waiting.locator('.text')).toHaveText(line('en'));
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
