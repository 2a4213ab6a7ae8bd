/**
 * A 360 px phone (the usual Android width) in an outage: with "Offline · 1 queued" in the bar, the pill, the language
 * switch and Sign out were some 10 px wider than the screen, and the whole page scrolled sideways under the cashier's
 * thumb, Sign out's edge off the screen. The pill sits tighter on so narrow a screen: the bar fits, up to the most
 * sales a tablet queues by default (50, two digits).
 */
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS } from './support/browser';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

test('on a 360 px phone offline, the bar with "Offline · 10 queued" fits the screen: nothing scrolls sideways', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await ctx.setOffline(true);
	const pill = page.getByTestId('network-state');
	for (let i = 1; i <= 10; i++) {
		await page.keyboard.press('1');
		// Codes the tablet queues without asking anyone: this test is about the bar, not about what the server says.
		await scanWithHandheld(page, `1${String(i).padStart(17, '0')}`);
		await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
		if (i === 1 || i === 10) {
			await expect(pill).toContainText(`${i} queued`);
			await screenshot(page, `qa-cashier-bar-360-offline-${i}`);
			expect(await page.evaluate(() => document.documentElement.scrollWidth), `the page's width with ${i} queued`).toBeLessThanOrEqual(360);
			await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport({ ratio: 1 });
			await expect(pill).toBeInViewport({ ratio: 1 });
		}
	}
	await ctx.close();
});
