/**
 * A sale paid with a coupon, on a 360x640 phone: the paid screen's three figures, one under another, made the page some
 * 840 px tall. "Next customer", focused, scrolled it so that the heading was cut off at the top and the bar out of
 * sight, and Print receipt was still below the edge. The amount and the saving now sit side by side, what was charged
 * across under them, with less air: the whole result, its buttons and the bar are on screen, with no scrolling.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

test('on a 360x640 phone the paid screen, coupon and all, fits the screen under the bar', async ({ browser, server }) => {
	const handle = uniqueHandle('paid');
	const token = await newCustomer(server.url, handle, 50_000);
	await grantCampaign(server.url, handle, { title: '¥5 off', rule: { kind: 'fixed', off: 500 }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
	const couponId = (await api.coupons(server.url, token))[0]!.id;
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '28.5');
	await scanWithHandheld(page, await api.payCode(server.url, token, couponId));
	const paid = page.getByTestId('charge-result');
	await expect(paid.getByTestId('charged')).toHaveText('¥23.50');
	await expect(paid.getByRole('button', { name: 'Next customer' })).toBeFocused();
	await screenshot(page, 'qa-cashier-paid-fits');

	expect(await page.evaluate(() => window.scrollY), 'the focus on Next customer scrolled nothing').toBe(0);
	await expect(page.getByRole('link', { name: 'Today' })).toBeInViewport({ ratio: 1 });
	await expect(paid.getByRole('heading', { name: 'Payment received' })).toBeInViewport({ ratio: 1 });
	for (const id of ['amount', 'deduction', 'charged']) await expect(paid.getByTestId(id)).toBeInViewport({ ratio: 1 });
	await expect(paid.getByText(`Customer: ${handle}`)).toBeInViewport({ ratio: 1 });
	await expect(paid.getByRole('button', { name: 'Next customer' })).toBeInViewport({ ratio: 1 });
	await expect(paid.getByRole('button', { name: 'Print receipt' })).toBeInViewport({ ratio: 1 });
	await ctx.close();
});
