/**
 * An amount keyed and no code taken yet: Enter (the cashier "charging" from the keyboard) did nothing and nothing
 * said why, while the reverse (a code and no amount) says "Enter the amount, then charge". The screen now says the
 * next step, "Now scan the customer's code", in both languages, and nothing is charged until a code comes.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const SIZES = [TABLET, { width: 768, height: 1024 }];

// One sale; the hint is checked at each size on the same page (laid out again at each).
test(`with an amount and no code, the counter says to scan the customer's code (${SIZES.map((v) => v.width).join(', ')}px)`, async ({ browser, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('later'), 50_000);
	const ctx = await browser.newContext({ viewport: SIZES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	const hint = page.getByTestId('scan-hint');
	await expect(hint).toBeHidden();

	await page.keyboard.press('5');
	await page.keyboard.press('Enter');
	await expect(hint).toHaveText('Now scan the customer’s code.');
	for (const viewport of SIZES) {
		await page.setViewportSize(viewport);
		await expect(hint, `${viewport.width}px`).toBeInViewport();
		await expect(page.getByTestId('amount-display'), `${viewport.width}px`).toHaveText('¥5');
		await expect(page.getByTestId('charge-result'), `${viewport.width}px`).toBeHidden();
		await screenshot(page, `qa-enter-without-code-${viewport.width}`);
	}

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(hint).toHaveText('现在请扫描顾客的付款码。');
	await page.getByRole('button', { name: /English/ }).click();

	// The code comes: charged the amount keyed, and the hint has gone.
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥5.00');
	await page.getByRole('button', { name: 'Next customer' }).click();
	await expect(hint).toBeHidden();
	// A code with no amount gets the other hint, not this one.
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	await expect(page.getByText('Enter the amount, then charge.')).toBeVisible();
	await expect(hint).toBeHidden();
	await ctx.close();
});
