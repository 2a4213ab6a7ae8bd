/**
 * Today with no network. The bar and the banner under it already say "Offline"; the list could not be read, and the
 * page added a red "Could not reach the server. Check the connection and try again. [Try again]", a fault for the
 * cashier to fix that was none. It says calmly what it shows instead, and reads the list by itself once the tablet is
 * back online: the cashier taps nothing.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';
import { atEverySizeAndLanguage, showLanguage } from './support/variants';

const WORDS = {
	en: { today: 'Today', counter: 'Counter', calm: 'Offline: today’s list loads by itself when the tablet is back online.', red: 'Could not reach the server' },
	zh: { today: '今日', counter: '收银台', calm: '离线：平板恢复联网后会自动载入今日列表。', red: '无法连接服务器' }
};

const SIZES = [TABLET, { width: 820, height: 1180 }];

// One outage for both sizes and both languages: the page is resized and its language switched in place in the bar,
// and only the words and the screenshots differ between them.
test(`offline, Today says calmly what it shows and loads by itself back online (${SIZES.map((s) => `${s.width}×${s.height}`).join(' and ')}, en and zh)`, async ({ browser, server }) => {
	const who = uniqueHandle('off');
	const bob = await newCustomer(server.url, who, 50_000);
	const cashier = await api.cashierSession(server.url);
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1234);
	expect(paid.status).toBe(201);

	const ctx = await browser.newContext({ viewport: SIZES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	// Today's page once, so that its code is on the tablet, and the Chinese words too, so the bar can switch offline;
	// then back to the counter, in English.
	await page.getByRole('link', { name: WORDS.en.today, exact: true }).click();
	await expect(page.getByRole('row', { name: new RegExp(who) })).toBeVisible();
	await showLanguage(page, 'zh');
	await showLanguage(page, 'en');
	await page.getByRole('link', { name: WORDS.en.counter, exact: true }).click();

	await ctx.setOffline(true);
	// A sale taken meanwhile waits on the tablet, and Today lists it.
	await page.getByRole('group', { name: /Amount keypad|金额键盘/ }).getByRole('button', { name: '7', exact: true }).click();
	await scanWithHandheld(page, await api.payCode(server.url, bob));
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByRole('link', { name: WORDS.en.today, exact: true }).click();
	await atEverySizeAndLanguage(page, SIZES, ['en', 'zh'], async (size, lang) => {
		await expect(page.getByTestId('payments-offline')).toContainText(WORDS[lang].calm);
		await expect(page.getByText(WORDS[lang].red)).toHaveCount(0);
		await expect(page.getByTestId('waiting-row')).toHaveCount(1);
		await screenshot(page, `qa-today-offline-${size.width}x${size.height}-${lang}`);
	});

	// Back online: the list is read without a tap, the note goes, and the queued sale joins the day's payments.
	await ctx.setOffline(false);
	await expect(page.getByTestId('payments-offline')).toBeHidden();
	await expect(page.getByRole('row', { name: new RegExp(who) })).toHaveCount(2);
	await atEverySizeAndLanguage(page, [...SIZES].reverse(), ['zh', 'en'], async (size, lang) => {
		await expect(page.getByTestId('payments-offline')).toBeHidden();
		await expect(page.getByRole('row', { name: new RegExp(who) })).toHaveCount(2);
		await expect(page.getByText(WORDS[lang].red)).toHaveCount(0);
		await screenshot(page, `qa-today-offline-back-${size.width}x${size.height}-${lang}`);
	});
	await ctx.close();
});
