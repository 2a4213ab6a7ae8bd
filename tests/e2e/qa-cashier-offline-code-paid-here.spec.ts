/**
 * A code this till was paid with a moment ago, shown again while the Wi-Fi is down (the customer's screenshot, a phone
 * that had not refreshed its code, or the old code scanned by mistake for the next customer). The tablet queued it as
 * any sale ("Queued — not yet paid"), the customer left, and it was declined when the till synced (USED_HERE): goods
 * given away when it was a second purchase. The tablet now says on the spot, while the customer is still there, that
 * the code is the one the last sale paid with (and what it paid), charges nothing, and keeps the amount for a fresh
 * code, which then queues the sale as usual. (Any other code this tablet saw paid here is refused on the spot with what
 * it paid and when, from the server's answer the outbox holds.)
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, preloadChinese, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

const WORDS = {
	en: {
		lastPaid: 'That was the last customer’s code, already paid (¥4.00). Nothing was charged.',
		queued: 'Queued — not yet paid'
	},
	zh: {
		lastPaid: '这是上一位顾客的付款码，已付款（¥4.00）。本单未收款。',
		queued: '已排队——尚未付款'
	}
};

for (const viewport of [TABLET, PHONE]) {
	for (const lang of ['en', 'zh'] as const) {
		test(`offline, a code this till was just paid with is not charged nor queued at the counter (${viewport.width}px, ${lang})`, async ({ browser, server }) => {
			const customer = await newCustomer(server.url, uniqueHandle('again'), 50_000);
			const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
			const page = await ctx.newPage();
			await openCounterSignedIn(page, server.url);
			if (lang === 'zh') {
				await preloadChinese(page);
				await switchLanguage(page);
			}
			const words = WORDS[lang];
			const code = await api.payCode(server.url, customer);
			await page.keyboard.press('4');
			await scanWithHandheld(page, code);
			await expect(page.getByTestId('charge-result')).toBeVisible();
			const paid = await api.balance(server.url, customer);

			await ctx.setOffline(true);
			// The next sale, keyed straight over the last one's outcome as a cashier with a queue does.
			await page.keyboard.press('6');
			await expect(page.getByTestId('amount-display')).toContainText('6');
			await scanWithHandheld(page, code);
			await expect(page.getByTestId('last-sale-code')).toHaveText(words.lastPaid);
			await expect(page.getByTestId('amount-display')).toContainText('6');
			await expect(page.getByTestId('pending-code')).toHaveCount(0);
			await expect(page.getByTestId('charge-queued')).toBeHidden();
			await expect(page.getByTestId('queued-count')).toBeHidden();
			await screenshot(page, `offline-code-paid-here-${viewport.width}-${lang}`);

			// The customer shows a fresh code: the sale is queued as any other, for the amount still keyed.
			await scanWithHandheld(page, await api.payCode(server.url, customer));
			await expect(page.getByTestId('charge-queued')).toContainText(words.queued);
			await expect(page.getByTestId('charge-queued')).toContainText('¥6.00');
			await ctx.setOffline(false);
			await expect.poll(() => api.balance(server.url, customer)).toBe(paid - 600);
			await ctx.close();
		});
	}
}
