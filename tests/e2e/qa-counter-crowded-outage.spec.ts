/**
 * The counter at its most crowded on a landscape tablet (1024x768): offline, with the sales declined after the last
 * sync listed above it, an amount keyed. The keypad's keys had shrunk to 48 px, and "Use code" was below the code
 * column's edge, in a column that scrolled on its own with nothing to say so: a cashier whose customer read out the
 * code could type it and not find the button. Now the keys stay a comfortable size and the whole code column is on
 * screen, in English and in Chinese; held upright (820x1180) and on a phone (390x844) all of it is reachable too.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const WORDS = {
	en: { keypad: 'Amount keypad', point: 'Decimal point', clear: 'Clear', useCode: 'Use code', camera: 'Scan with camera', charge: 'Charge ¥12.50' },
	zh: { keypad: '金额键盘', point: '小数点', clear: '清除', useCode: '使用此码', camera: '摄像头扫码', charge: '收款 ¥12.50' }
};

/** Comfortable for a thumb on a counter tablet, well over the 44 px a finger needs (the keys were 48 px here). */
const COMFORTABLE_KEY_PX = 56;

async function keyAmount(page: Page, lang: 'en' | 'zh', amount: string): Promise<void> {
	const pad = page.getByRole('group', { name: WORDS[lang].keypad });
	for (const ch of amount) await pad.getByRole('button', { name: ch === '.' ? WORDS[lang].point : ch, exact: true }).click();
}

/** Two sales taken offline from Carol (¥20.00), both declined when sent; then the network goes again. */
async function crowdedOutage(ctx: BrowserContext, page: Page, baseUrl: string, lang: 'en' | 'zh'): Promise<void> {
	const carol = await api.customerToken(baseUrl, 'carol', '3333');
	await openCounterSignedIn(page, baseUrl);
	if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
	await ctx.setOffline(true);
	for (const amount of ['45', '30']) {
		await keyAmount(page, lang, amount);
		await scanWithHandheld(page, await api.payCode(baseUrl, carol));
		await expect(page.getByTestId('charge-queued')).toBeVisible();
		await page.getByTestId('charge-queued').getByRole('button').last().click();
		await expect(page.getByTestId('charge-queued')).toBeHidden();
	}
	await ctx.setOffline(false);
	await expect(page.getByTestId('declined-after-sync').getByRole('heading')).toContainText('2');
	// The news of the queue (under the bar until OK or the next sale) read and put away, as a cashier does: what is
	// measured is the counter with the offline banner and the declined list, which stay.
	await page.getByTestId('queue-sent-notice').getByRole('button').last().click();
	await expect(page.getByTestId('queue-sent-notice')).toBeHidden();
	await ctx.setOffline(true);
	await expect(page.getByTestId('offline-banner')).toBeVisible();
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

for (const lang of ['en', 'zh'] as const) {
	test(`offline with the declined list showing, the keys keep their size and the code column is whole (${lang})`, async ({ browser, server }) => {
		const w = WORDS[lang];
		const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await crowdedOutage(ctx, page, server.url, lang);
		await keyAmount(page, lang, '12.5');

		const codeField = page.locator('input[name="code"]');
		const useCode = page.getByRole('button', { name: w.useCode });
		for (const size of [TABLET, { width: 820, height: 1180 }, PHONE]) {
			await page.setViewportSize(size);
			await screenshot(page, `qa-counter-crowded-${lang}-${size.width}`);
			const key = await keyHeights(page, lang);
			expect(key, `keys at ${size.width}px`).toBeGreaterThanOrEqual(44);
			if (size.width >= 761) {
				expect(key, `keys at ${size.width}px`).toBeGreaterThanOrEqual(COMFORTABLE_KEY_PX);
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

		// The customer's code taken before the amount: Charge is on screen beside the keypad, which keeps its size.
		await page.setViewportSize(TABLET);
		await page.getByRole('group', { name: w.keypad }).getByRole('button', { name: w.clear, exact: true }).click();
		await scanWithHandheld(page, await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222')));
		await expect(page.getByTestId('pending-code')).toBeVisible();
		await keyAmount(page, lang, '12.5');
		await expect(page.getByRole('button', { name: w.charge })).toBeInViewport({ ratio: 1 });
		await screenshot(page, `qa-counter-crowded-${lang}-pending`);
		expect(await keyHeights(page, lang)).toBeGreaterThanOrEqual(COMFORTABLE_KEY_PX);
		await ctx.close();
	});
}
