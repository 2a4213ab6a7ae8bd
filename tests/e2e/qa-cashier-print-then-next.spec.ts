/**
 * After "Print receipt" on the paid result the focus was on the page's body, so Enter no longer meant "Next
 * customer" as it does when the result comes up. After printing, the focus is back on "Next customer".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const SIZES = [TABLET, { width: 768, height: 1024 }];

// One sale; where the focus is after printing is checked at each size on the same page.
test(`after printing the receipt, Enter starts the next customer (${SIZES.map((v) => v.width).join(', ')}px)`, async ({ browser, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('print'), 50_000);
	const ctx = await browser.newContext({ viewport: SIZES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '12');
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	const result = page.getByTestId('charge-result');
	await expect(result.getByTestId('charged')).toHaveText('¥12.00');
	await expect(result.getByRole('button', { name: 'Next customer' })).toBeFocused();

	await result.getByRole('button', { name: 'Print receipt' }).click();
	for (const viewport of SIZES) {
		await page.setViewportSize(viewport);
		await expect(result.getByRole('button', { name: 'Next customer' }), `${viewport.width}px`).toBeFocused();
		await screenshot(page, `qa-print-then-next-${viewport.width}`);
	}
	await page.keyboard.press('Enter');
	await expect(result).toBeHidden();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	await ctx.close();
});
