/**
 * A charge the tablet or the server would not take ("Payment not taken": the code already queued, over the offline
 * limit, too many unknown codes) is said where the cashier looks. On a phone the code's column is under the keypad,
 * and the refusal was drawn there, below the screen's edge (at 1008 px of 844 with the offline banner up): the
 * cashier saw the amount and the keypad unchanged, as if the scan had not been heard.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

for (const viewport of [PHONE, TABLET]) {
	test(`a refused charge is in view at once, the amount too (${viewport.width}px)`, async ({ browser, server }) => {
		const alice = await api.customerToken(server.url, 'alice', '1111');
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		await ctx.setOffline(true);
		const code = await api.payCode(server.url, alice);
		await page.keyboard.type('7');
		await scan(page, code);
		await expect(page.getByTestId('charge-queued')).toBeVisible();

		// The same code again, for the next sale: refused, the code is already queued on this tablet.
		await page.keyboard.type('8');
		await scan(page, code);
		const refusal = page.getByRole('alert').filter({ hasText: 'Payment not taken' });
		await expect(refusal).toContainText('This code’s sale is already queued on this tablet: ¥7.00');
		await expect(refusal).toBeInViewport({ ratio: 0.95 });
		await expect(page.getByTestId('amount-display')).toBeInViewport();
		await screenshot(page, 'cashier-refusal-in-view');

		// Over the offline limit: the same.
		await page.keyboard.press('Escape');
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.keyboard.type('600');
		await scan(page, await api.payCode(server.url, alice));
		await expect(refusal).toContainText('Offline, one payment can be at most ¥500.00.');
		await expect(refusal).toBeInViewport({ ratio: 0.95 });
		await ctx.close();
	});
}
