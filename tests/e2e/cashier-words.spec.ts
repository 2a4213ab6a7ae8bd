/**
 * The cashier's screens' words are a part of their own (en-cashier.ts, zh-cashier.ts), kept out of the customer's
 * first load: the English come with the cashier's layout, the Chinese are fetched with Chinese. A counter opened in
 * Chinese with no network, on a tablet that never showed Chinese before, still reads every word in Chinese, and a
 * language changed on the counter changes them all; no key is ever shown in their place.
 */
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { controlledByWorker, openCounterSignedIn, screenshot } from './support/pages';

const WITH_WORKER = { ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' } as const;
/** A key of the cashier's words shown as such, in place of its words. */
const RAW = /\b(nav|counter|entry|keypad|charge|payments|signout|camera|receipt|refund)\.[a-zA-Z]/;

test('a counter opened offline in Chinese, never shown in Chinese before, is all in Chinese, and all in English once switched', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...WITH_WORKER });
	const tablet = await ctx.newPage();
	await openCounterSignedIn(tablet, server.url);
	await controlledByWorker(tablet);
	await expect(tablet.getByText('Amount', { exact: true })).toBeVisible();
	// Chinese chosen (in another tab, say), then the tablet loses its network and the app is opened again.
	await tablet.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await ctx.setOffline(true);
	await tablet.reload();
	await expect(tablet.getByText('金额', { exact: true })).toBeVisible();
	await expect(tablet.getByRole('link', { name: '收银台' })).toBeVisible();
	await expect(tablet.getByRole('button', { name: '摄像头扫码' })).toBeVisible();
	expect(await tablet.locator('body').innerText()).not.toMatch(RAW);
	await screenshot(tablet, 'cashier-words-zh-offline');
	await tablet.getByRole('link', { name: '今日' }).click();
	await expect(tablet.getByRole('heading', { name: '今日付款' })).toBeVisible();
	expect(await tablet.locator('body').innerText()).not.toMatch(RAW);
	await tablet.getByRole('link', { name: '收银台' }).click();
	await tablet.getByRole('button', { name: /English/ }).click();
	await expect(tablet.getByText('Amount', { exact: true })).toBeVisible();
	await expect(tablet.getByRole('link', { name: 'Counter' })).toBeVisible();
	expect(await tablet.locator('body').innerText()).not.toMatch(RAW);
	await ctx.close();
});

test('a counter in English switched to Chinese shows the cashier’s words in Chinese, the bar’s too', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const tablet = await ctx.newPage();
	await openCounterSignedIn(tablet, server.url, 'demo-cafe', 'owner', '9999');
	await tablet.getByRole('button', { name: '简体中文' }).click();
	await expect(tablet.getByText('金额', { exact: true })).toBeVisible();
	await expect(tablet.getByRole('link', { name: '管理' })).toBeVisible();
	expect(await tablet.locator('body').innerText()).not.toMatch(RAW);
	await screenshot(tablet, 'cashier-words-zh-switched');
	await ctx.close();
});
