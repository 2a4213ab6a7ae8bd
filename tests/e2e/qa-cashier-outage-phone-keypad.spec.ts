/**
 * A cashier at the counter on a phone in an outage. The offline banner's title and sentences, each a paragraph of
 * short lines in the narrow column beside its icon, stood some 300 px tall above the counter (more with the storage
 * warning): the keypad's bottom rows were below a 390x844 phone's edge, and keying each sale taken offline meant
 * scrolling down to them. As on a tablet, the banner's sentences run on as one paragraph in smaller type.
 *
 * In English, with the storage warning and the last contact with the server (any sale paid online before the outage
 * sets it), the keypad's bottom row (". 0 00" and Clear) was still some 30 px below the phone's edge. On a phone the
 * banner's text now takes the icon's room too, and the amount's label sits beside it: the whole keypad is on screen,
 * in English and in Chinese, and the banner still says all it says.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { queueSaleInOutage } from './support/outage';
import { openCounterSignedIn, preloadChinese, screenshot, switchLanguage } from './support/pages';

const WORDS = {
	en: {
		keypad: 'Amount keypad',
		point: 'Decimal point',
		clear: 'Clear',
		banner: ['No network.', 'not paid until then', '1 payment is queued', 'Last contact with the server', 'Install the app']
	},
	zh: { keypad: '金额键盘', point: '小数点', clear: '清除', banner: ['没有网络', '都还没有付款', '1 笔付款在排队', '最后一次连上服务器', '请安装本应用'] }
};

async function expectKeypadWhole(page: Page, lang: 'en' | 'zh'): Promise<void> {
	const pad = page.getByRole('group', { name: WORDS[lang].keypad });
	for (const name of ['1', '3', '7', '9', WORDS[lang].point, '0', '00', WORDS[lang].clear]) {
		await expect(pad.getByRole('button', { name, exact: true }), `key ${name} at ${page.viewportSize()?.width}px`).toBeInViewport({ ratio: 1 });
	}
	const keyHeight = (await pad.getByRole('button', { name: '7', exact: true }).boundingBox())!.height;
	expect(keyHeight, 'a key a finger hits').toBeGreaterThanOrEqual(44);
}

// One outage for both languages: Chinese is fetched before the network goes, then switched to in place, offline.
test(`on a phone in an outage, with a sale queued and the storage warning, the whole keypad is on screen under the offline banner (en, zh)`, async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: PHONE, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await preloadChinese(page);
	// A sale paid online earlier in the day (the banner says when the server last answered), then one queued.
	await queueSaleInOutage(page, ctx, server.url);
	// The next sale begun from the keyboard, and the counter seen from the top of the page, as it opens.
	await page.keyboard.press('5');
	await expect(page.getByTestId('amount-display')).toHaveText('¥5');
	const banner = page.getByTestId('offline-banner');
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		await page.setViewportSize(PHONE);
		if (lang === 'zh') {
			await switchLanguage(page);
			await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
		}
		await page.evaluate(() => window.scrollTo(0, 0));
		// All the banner says is still there: the outage, the queue, the last contact and the storage warning.
		for (const words of w.banner) await expect(banner).toContainText(words);

		await screenshot(page, `qa-outage-phone-keypad-${lang}`);
		await expectKeypadWhole(page, lang);
		// Held upright, a tablet has room for all of it.
		await page.setViewportSize({ width: 768, height: 1024 });
		await page.evaluate(() => window.scrollTo(0, 0));
		await screenshot(page, `qa-outage-phone-keypad-${lang}`);
		await expectKeypadWhole(page, lang);
	}
	await ctx.close();
});
