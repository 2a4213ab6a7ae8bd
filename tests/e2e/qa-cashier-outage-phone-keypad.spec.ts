/**
 * A cashier at the counter on a phone in an outage. The offline banner's title and sentences, each a paragraph of
 * short lines in the narrow column beside its icon, stood some 300 px tall above the counter (more with the storage
 * warning): the keypad's bottom rows were below a 390x844 phone's edge, and keying each sale taken offline meant
 * scrolling down to them. As on a tablet, the banner's sentences run on as one paragraph in smaller type (about 200 px
 * with the storage warning), and the keypad's rows of digits are on screen under it, in English and in Chinese.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const WORDS = {
	en: { keypad: 'Amount keypad', queued: '1 payment is queued' },
	zh: { keypad: '金额键盘', queued: '1' }
};

for (const lang of ['en', 'zh'] as const) {
	test(`on a phone in an outage, with a sale queued, the keypad's digits are on screen under the offline banner (${lang})`, async ({ browser, server }) => {
		const w = WORDS[lang];
		const customer = await newCustomer(server.url, uniqueHandle('outage'), 50_000);
		const ctx = await browser.newContext({ viewport: PHONE, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') {
			await page.getByRole('button', { name: /中文/ }).click();
			await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
		}
		const code = await api.payCode(server.url, customer);

		await ctx.setOffline(true);
		await page.keyboard.press('8');
		await scanWithHandheld(page, code);
		await expect(page.getByTestId('charge-queued')).toBeVisible();
		// The next sale begun from the keyboard, and the counter seen from the top of the page, as it opens.
		await page.keyboard.press('5');
		await expect(page.getByTestId('amount-display')).toHaveText('¥5');
		await page.evaluate(() => window.scrollTo(0, 0));
		const banner = page.getByTestId('offline-banner');
		await expect(banner).toContainText(w.queued);

		const pad = page.getByRole('group', { name: w.keypad });
		// The rows of digits 1 to 9. (With the storage warning as well, the row of 0 is still some 30 px short of the
		// edge: the phone's keypad keeps its 64-pixel keys.)
		for (const key of ['1', '3', '4', '6', '7', '9']) {
			await expect(pad.getByRole('button', { name: key, exact: true }), `key ${key}`).toBeInViewport({ ratio: 1 });
		}
		const keyHeight = (await pad.getByRole('button', { name: '7', exact: true }).boundingBox())!.height;
		expect(keyHeight, 'a key a finger hits').toBeGreaterThanOrEqual(44);
		await screenshot(page, `qa-outage-phone-keypad-${lang}`);
		await ctx.close();
	});
}
