/**
 * The counter at its most crowded on a landscape tablet (1024x768): offline, with the sales declined after the last
 * sync listed above it, an amount keyed. The keypad's keys had shrunk to 48 px, and "Use code" was below the code
 * column's edge, in a column that scrolled on its own with nothing to say so: a cashier whose customer read out the
 * code could type it and not find the button. Now the keys stay a comfortable size and the whole code column is on
 * screen, in English and in Chinese; held upright (820x1180) and on a phone (390x844) all of it is reachable too.
 *
 * With the queue's news under the bar as well ("2 queued sales sent: 1 paid, 1 declined", until OK or the next sale),
 * the keys were 53 px: the news said again what the declined list right under it says. On the counter, with the list on
 * screen, the news now says only how many were paid, beside the offline banner; the list's explanation is one line
 * that opens to the rest; and the whole news, with its way to the list, is on Today.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { expectAccessible, openCounterSignedIn, preloadChinese, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

const WORDS = {
	en: {
		keypad: 'Amount keypad',
		point: 'Decimal point',
		clear: 'Clear',
		useCode: 'Use code',
		camera: 'Scan with camera',
		charge: 'Charge ¥12.50',
		next: 'Next customer',
		allDeclined: '2 queued sales sent: all declined',
		paidOnly: '✓ 1 queued sale sent and paid',
		news: '2 queued sales sent: 1 paid, 1 declined',
		more: 'Why, and what to do',
		explained: /Charge each again with a fresh code from the customer, or note that the customer paid in cash/,
		today: 'Today',
		see: 'See the declined sale'
	},
	zh: {
		keypad: '金额键盘',
		point: '小数点',
		clear: '清除',
		useCode: '使用此码',
		camera: '摄像头扫码',
		charge: '收款 ¥12.50',
		next: '下一位顾客',
		allDeclined: '已发送 2 笔排队的收款：均被拒',
		paidOnly: '✓ 已发送 1 笔排队的收款，已付款',
		news: '已发送 2 笔排队的收款：1 笔已付款，1 笔被拒',
		more: '原因和处理方法',
		explained: /请用顾客新的付款码逐笔重新收款，或记下顾客已付现金/,
		today: '今日',
		see: '查看被拒的收款'
	}
};

const PORTRAIT = { width: 820, height: 1180 };
/**
 * The keys' height wherever the counter has the room (Keypad.svelte: 64 px); a few pixels less is still the same key
 * under a thumb. In this crowded state they were 58 px, and 53 px with the queue's news showing too.
 */
const KEY_PX = 64 - 4;

async function keyAmount(page: Page, lang: 'en' | 'zh', amount: string): Promise<void> {
	const pad = page.getByRole('group', { name: WORDS[lang].keypad });
	for (const ch of amount) await pad.getByRole('button', { name: ch === '.' ? WORDS[lang].point : ch, exact: true }).click();
}

/**
 * Two sales taken offline from Carol (¥20.00), both declined when sent; then the network goes again. In English, with
 * the Chinese words fetched first, so that the screen can be switched to Chinese in place, offline.
 */
async function crowdedOutage(ctx: BrowserContext, page: Page, baseUrl: string): Promise<void> {
	const carol = await api.customerToken(baseUrl, 'carol', '3333');
	await openCounterSignedIn(page, baseUrl);
	await preloadChinese(page);
	await ctx.setOffline(true);
	for (const amount of ['45', '30']) {
		await keyAmount(page, 'en', amount);
		await scanWithHandheld(page, await api.payCode(baseUrl, carol));
		await expect(page.getByTestId('charge-queued')).toBeVisible();
		await page.getByTestId('charge-queued').getByRole('button').last().click();
		await expect(page.getByTestId('charge-queued')).toBeHidden();
	}
	await ctx.setOffline(false);
	await expect(page.getByTestId('declined-after-sync').getByRole('heading')).toContainText('2');
	// The news of the queue (none paid) adds nothing to the list right under it: on the counter it is only read out.
	await expect(page.getByTestId('queue-sent-unseen')).toHaveText(WORDS.en.allDeclined);
	await expect(page.getByTestId('queue-sent-notice')).toBeHidden();
	await ctx.setOffline(true);
	await expect(page.getByTestId('offline-banner')).toBeVisible();
}

/** The screen switched in place to `lang` (offline: Chinese was fetched before), its keypad in those words. */
async function inLanguage(page: Page, lang: 'en' | 'zh'): Promise<void> {
	if (((await page.locator('html').getAttribute('lang')) === 'zh-CN') === (lang === 'zh')) return;
	await switchLanguage(page);
	if (lang === 'zh') await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	else await expect(page.locator('html')).not.toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('group', { name: WORDS[lang].keypad })).toBeVisible();
}

/** The height of a key, once each of the keypad's corners is seen whole on screen (on a phone, scrolled to). */
async function keyHeights(page: Page, lang: 'en' | 'zh'): Promise<number> {
	const pad = page.getByRole('group', { name: WORDS[lang].keypad });
	if ((page.viewportSize()?.width ?? 0) <= 760) await pad.getByRole('button', { name: WORDS[lang].clear, exact: true }).scrollIntoViewIfNeeded();
	for (const name of ['1', '7', '9', '0', '00', WORDS[lang].point, WORDS[lang].clear]) {
		await expect(pad.getByRole('button', { name, exact: true }), `${name} at ${page.viewportSize()?.width}px`).toBeInViewport({ ratio: 1 });
	}
	return (await pad.getByRole('button', { name: '7', exact: true }).boundingBox())!.height;
}

// One outage for both languages: each checked at every size on the same page, switched in place between them.
test(`offline with the declined list showing, the keys keep their size and the code column is whole (en, zh)`, async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await crowdedOutage(ctx, page, server.url);
	await keyAmount(page, 'en', '12.5');

	const codeField = page.locator('input[name="code"]');
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		await page.setViewportSize(TABLET);
		await inLanguage(page, lang);
		// The news of the queue, read out in the language chosen.
		await expect(page.getByTestId('queue-sent-unseen')).toHaveText(w.allDeclined);
		const useCode = page.getByRole('button', { name: w.useCode });
		for (const size of [TABLET, PORTRAIT, PHONE]) {
			await page.setViewportSize(size);
			await screenshot(page, `qa-counter-crowded-${lang}-${size.width}`);
			const key = await keyHeights(page, lang);
			expect(key, `keys at ${size.width}px (${lang})`).toBeGreaterThanOrEqual(44);
			if (size.width >= 761) {
				expect(key, `keys at ${size.width}px (${lang})`).toBeGreaterThanOrEqual(KEY_PX);
				// The whole code column is on screen, beside the keypad: nothing of it needs scrolling to.
				await expect(page.getByRole('button', { name: w.camera })).toBeInViewport({ ratio: 1 });
				await expect(codeField).toBeInViewport({ ratio: 1 });
				await expect(useCode).toBeInViewport({ ratio: 1 });
			} else {
				// A phone scrolls the page: the field and its button are there below the keypad.
				await useCode.scrollIntoViewIfNeeded();
				await expect(useCode).toBeInViewport({ ratio: 1 });
			}
		}
	}

	// The customer's code taken before the amount: Charge is on screen beside the keypad, which keeps its size.
	await page.setViewportSize(TABLET);
	await inLanguage(page, 'en');
	await page.getByRole('group', { name: WORDS.en.keypad }).getByRole('button', { name: WORDS.en.clear, exact: true }).click();
	await scanWithHandheld(page, await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222')));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await keyAmount(page, 'en', '12.5');
	for (const lang of ['en', 'zh'] as const) {
		await inLanguage(page, lang);
		await expect(page.getByRole('button', { name: WORDS[lang].charge })).toBeInViewport({ ratio: 1 });
		await screenshot(page, `qa-counter-crowded-${lang}-pending`);
		expect(await keyHeights(page, lang), lang).toBeGreaterThanOrEqual(KEY_PX);
	}
	await ctx.close();
});

/** A sale queued offline, its "Queued" outcome left for the next customer. */
async function queueSale(page: Page, lang: 'en' | 'zh', amount: string, code: string): Promise<void> {
	await keyAmount(page, lang, amount);
	await scanWithHandheld(page, code);
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByTestId('charge-queued').getByRole('button', { name: WORDS[lang].next }).click();
	await expect(page.getByTestId('charge-queued')).toBeHidden();
}

for (const lang of ['en', 'zh'] as const) {
	test(`offline, with the declined list and the queue's news showing, the keys keep their size (1024×768 and 820×1180, ${lang})`, async ({ browser, server }) => {
		const w = WORDS[lang];
		const paid = await newCustomer(server.url, uniqueHandle('paid'), 50_000);
		const short = await newCustomer(server.url, uniqueHandle('short'), 100);
		const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		// Two sales queued in an outage; back online, one is paid and one (¥8.00 of ¥1.00) declined. Then the network
		// goes again, and the next customer's amount is keyed: the news is up until OK or the next sale is sent.
		await ctx.setOffline(true);
		await queueSale(page, lang, '3', await api.payCode(server.url, paid));
		await queueSale(page, lang, '8', await api.payCode(server.url, short));
		await ctx.setOffline(false);
		const list = page.getByTestId('declined-after-sync');
		await expect(list.getByTestId('declined-entry')).toHaveCount(1);
		const notice = page.getByTestId('queue-sent-notice');
		await expect(notice).toBeVisible();
		await ctx.setOffline(true);
		await expect(page.getByTestId('offline-banner')).toBeVisible();
		await keyAmount(page, lang, '12.5');

		for (const size of [TABLET, PORTRAIT]) {
			await page.setViewportSize(size);
			await screenshot(page, `qa-counter-crowded-news-${lang}-${size.width}`);
			expect(await keyHeights(page, lang), `keys at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(KEY_PX);
			// All of it on screen with the keypad: the banner, the news, the declined sale and what to do about it.
			for (const part of [page.getByTestId('offline-banner'), notice, list.getByTestId('declined-entry'), list.getByText(w.more)]) {
				await expect(part).toBeInViewport({ ratio: 1 });
			}
		}
		await page.setViewportSize(TABLET);
		// The news says the paid one; the declined one is the list's, right under it, not said twice.
		await expect(page.getByTestId('queue-sent')).toHaveText(w.paidOnly);
		await expect(notice.getByRole('link', { name: w.see })).toHaveCount(0);
		await expect(list.getByRole('heading')).toContainText('1');
		// The list's explanation is a line that opens to the rest.
		const explained = list.getByText(w.explained);
		await expect(explained).toBeHidden();
		await list.getByText(w.more).click();
		await expect(explained).toBeVisible();
		await screenshot(page, `qa-counter-crowded-news-${lang}-explained`);
		await expectAccessible(page, `the crowded counter (${lang})`);

		// Away from the counter (the network back: Today's screen is not saved on the tablet here, service workers being
		// off in these tests) the whole news shows, with the way back to the declined sale.
		await ctx.setOffline(false);
		await page.getByRole('link', { name: w.today, exact: true }).click();
		await expect(page.getByTestId('queue-sent')).toHaveText(w.news);
		await screenshot(page, `qa-counter-crowded-news-${lang}-today`);
		await page.getByRole('link', { name: w.see }).click();
		await expect(list.getByTestId('declined-entry')).toBeInViewport();
		await ctx.close();
	});
}
