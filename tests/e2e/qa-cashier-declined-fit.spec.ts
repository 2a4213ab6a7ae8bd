/**
 * Several payments declined after an offline spell, on a tablet: the list of them sits above the keypad, and the
 * keypad keeps its bottom row on screen, so the next sale is keyed without scrolling the page. (One entry always
 * fitted; two whole entries pushed ".", "0" and "00" under the screen's edge.) The list shows the first entry
 * whole and says how many more there are, with a button that shows them: a sliver of the second entry, cut off
 * by the list's edge, did not say that there was more.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { keyAmount, openCounterSignedIn, queueSaleOffline, screenshot } from './support/pages';

/** Two sales taken offline, both declined when sent: Carol has ¥20.00 (the first code is also replaced by the second). */
async function twoDeclinedAfterSync(ctx: BrowserContext, page: Page, baseUrl: string): Promise<void> {
	const carol = await api.customerToken(baseUrl, 'carol', '3333');
	await openCounterSignedIn(page, baseUrl);
	await ctx.setOffline(true);
	for (const amount of ['200', '300']) {
		await queueSaleOffline(page, amount, await api.payCode(baseUrl, carol));
	}
	await ctx.setOffline(false);
}

async function expectKeypadWhole(page: Page): Promise<void> {
	await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
	await expect(page.getByRole('button', { name: 'Clear', exact: true })).toBeInViewport({ ratio: 1 });
	expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
}

test('two payments declined after sync leave the tablet keypad whole on screen', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await twoDeclinedAfterSync(ctx, page, server.url);

	const list = page.getByTestId('declined-after-sync');
	await expect(list.getByRole('heading')).toHaveText('Declined after sending (2)');
	await expect(list.getByTestId('declined-entry')).toHaveCount(2);
	await expectKeypadWhole(page);
	await screenshot(page, 'qa-declined-two');

	// The second entry is a tap away, in the list's own scroll.
	const second = list.getByTestId('declined-entry').nth(1);
	await list.getByRole('button', { name: 'Show 1 more' }).click();
	await second.scrollIntoViewIfNeeded();
	await expect(second.getByRole('button', { name: 'Charge again' })).toBeInViewport({ ratio: 1 });

	// Opening an entry's form gives it the room the form takes: its field and button are in view.
	await second.getByRole('button', { name: 'Charge again' }).click();
	await expect(second.getByLabel('Fresh code from the customer')).toBeFocused();
	await expect(second.getByRole('button', { name: 'Charge ¥300.00' })).toBeInViewport({ ratio: 1 });

	// Carol cannot cover it; a friend (bob) pays with his code. Settled, the list goes back to one entry and the keypad is still whole.
	await page.keyboard.type(await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222')));
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charged-again')).toHaveText('Charged bob again: Paid ¥300.00');
	await expect(list.getByTestId('declined-entry')).toHaveCount(1);
	await keyAmount(page, '8');
	await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
	await ctx.close();
});

test('on a 768-pixel tablet the list says how many more were declined, instead of showing a sliver of the next', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: { width: 768, height: 1024 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await twoDeclinedAfterSync(ctx, page, server.url);

	const list = page.getByTestId('declined-after-sync');
	await expect(list.getByRole('heading')).toHaveText('Declined after sending (2)');
	const [first, second] = [list.getByTestId('declined-entry').nth(0), list.getByTestId('declined-entry').nth(1)];
	// The first entry whole, with its actions; the second not cut off at the list's edge but counted on a button.
	await expect(first.getByRole('button', { name: 'Paid in cash' })).toBeInViewport({ ratio: 1 });
	await expect(second).toBeHidden();
	const more = list.getByRole('button', { name: 'Show 1 more' });
	await expect(more).toBeInViewport({ ratio: 1 });
	await expectKeypadWhole(page);
	await screenshot(page, 'qa-declined-list-two');

	await more.click();
	await expect(second).toBeVisible();
	await expect(second.getByRole('button', { name: 'Charge again' })).toBeInViewport({ ratio: 1 });
	await expect(second).toContainText('¥300.00');
	await screenshot(page, 'qa-declined-list-two-shown');
	await list.getByRole('button', { name: 'Show fewer' }).click();
	await expect(second).toBeHidden();
	await expectKeypadWhole(page);

	// On a phone even the first entry would push the keypad's last row off the screen: the list folds to its heading,
	// one red line, and Show opens it whole, every entry in full with nothing more to show.
	await page.setViewportSize(PHONE);
	await expect(first).toBeHidden();
	await expect(list.getByRole('heading')).toHaveText('Declined after sending (2)');
	await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
	await list.getByRole('button', { name: 'Show', expanded: false }).click();
	await expect(first).toBeVisible();
	await expect(second).toBeVisible();
	await expect(list.getByRole('button', { name: /Show 1 more|Show fewer/ })).toBeHidden();
	await screenshot(page, 'qa-declined-list-two');
	await ctx.close();
});
