/**
 * The sign-out question says how long queued sales keep: the server's OFFLINE_WINDOW_MS, not a fixed "24 hours".
 * A shop whose server declines a sale queued more than two hours ago was told its tablet had a day.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan } from './support/pages';

test.use({ serverEnv: { OFFLINE_WINDOW_MS: String(2 * 3_600_000) } });

test('the sign-out question gives the server’s offline window, in both languages', async ({ browser, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	// Chinese first, while online: its words are fetched with the language.
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(page.getByRole('button', { name: '退出登录', exact: true })).toBeVisible();
	await ctx.setOffline(true);
	await page.keyboard.type('9');
	await scan(page, await api.payCode(server.url, bob));
	await page.getByTestId('charge-queued').getByRole('button', { name: '下一位顾客' }).click();
	await page.getByRole('button', { name: '退出登录', exact: true }).click();
	const ask = page.getByRole('dialog', { name: '还有款项未发送' });
	await expect(ask).toContainText('超过 2 小时的款项会被拒绝');
	await ask.getByRole('button', { name: '保持登录' }).click();
	await page.getByRole('button', { name: /切换|Switch language/ }).click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page.getByRole('dialog', { name: 'Payments not sent yet' })).toContainText('and one older than 2 hours is declined.');
	await ctx.close();
});
