/**
 * An outage at its most crowded, on a landscape tablet: the offline banner (no network, a payment queued) and the
 * list of sales declined after the last sync both above the counter, and the next customer's code taken. The keypad's
 * bottom rows (7 8 9, ". 0 00", Clear) went below the screen's edge at 1024x768 and 1280x800, so the cashier had to
 * scroll to key most amounts. The whole keypad stays on screen, in English and in Chinese.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, preloadChinese, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

const WORDS = {
	en: { keypad: 'Amount keypad', clear: 'Clear', point: 'Decimal point' },
	zh: { keypad: '金额键盘', clear: '清除', point: '小数点' }
};

async function expectKeypadWhole(page: Page, lang: 'en' | 'zh'): Promise<void> {
	const pad = page.getByRole('group', { name: WORDS[lang].keypad });
	for (const name of ['7', '9', '0', '00', WORDS[lang].point, WORDS[lang].clear]) {
		await expect(pad.getByRole('button', { name, exact: true }), `${name} at ${page.viewportSize()?.width}px`).toBeInViewport({ ratio: 1 });
	}
	const keyHeight = (await pad.getByRole('button', { name: '7', exact: true }).boundingBox())!.height;
	expect(keyHeight, 'a key a finger hits').toBeGreaterThanOrEqual(44);
}

// One outage for both languages: Chinese is fetched before the network goes, then switched to in place, offline.
test(`in an outage, with the offline banner and the declined list above it, the keypad is whole on a landscape tablet (en, zh)`, async ({ browser, server }) => {
	const poor = await Promise.all([newCustomer(server.url, uniqueHandle('poor'), 100), newCustomer(server.url, uniqueHandle('poor'), 100)]);
	const rich = await Promise.all([newCustomer(server.url, uniqueHandle('rich'), 50_000), newCustomer(server.url, uniqueHandle('rich'), 50_000)]);
	const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await preloadChinese(page);

	// Two ¥8.00 sales to customers with ¥1.00, taken offline: both declined when the network is back.
	await ctx.setOffline(true);
	for (const token of poor) {
		await page.keyboard.press('8');
		await scanWithHandheld(page, await api.payCode(server.url, token));
		await expect(page.getByTestId('charge-queued')).toBeVisible();
		await page.getByTestId('charge-queued').getByRole('button').last().click();
		await expect(page.getByTestId('charge-queued')).toBeHidden();
	}
	await ctx.setOffline(false);
	await expect(page.getByTestId('declined-entry').first()).toBeVisible();
	await expect(page.getByTestId('declined-after-sync').getByRole('heading')).toContainText('2');

	// The network goes again: one sale queued, and the next customer's code taken.
	await ctx.setOffline(true);
	await page.keyboard.press('5');
	await scanWithHandheld(page, await api.payCode(server.url, rich[0]));
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByTestId('charge-queued').getByRole('button').last().click();
	await scanWithHandheld(page, await api.payCode(server.url, rich[1]));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await expect(page.getByTestId('offline-banner')).toBeVisible();
	await expect(page.getByTestId('queued-count')).toBeVisible();

	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') {
			await page.setViewportSize({ width: 1024, height: 768 });
			await switchLanguage(page);
			await expect(page.getByRole('group', { name: WORDS.zh.keypad })).toBeVisible();
		}
		for (const size of [
			{ width: 1024, height: 768 },
			{ width: 1280, height: 800 }
		]) {
			await page.setViewportSize(size);
			await screenshot(page, `qa-outage-keypad-${lang}-${size.width}`);
			await expectKeypadWhole(page, lang);
			// What the banner says is still there to read.
			await expect(page.getByTestId('offline-banner')).toContainText(lang === 'en' ? 'not paid until then' : '还没有付款');
		}
		// Held upright there is room for all of it.
		await page.setViewportSize({ width: 768, height: 1024 });
		await screenshot(page, `qa-outage-keypad-${lang}-768`);
		await expectKeypadWhole(page, lang);
	}
	await ctx.close();
});
