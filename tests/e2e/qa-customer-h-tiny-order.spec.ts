/**
 * A tiny order with a percent coupon: 15% of ¥0.05 rounds down to nothing, so the coupon is refused and kept. Both
 * screens said "Order below the coupon’s minimum spend." of "15% off, at most ¥20", a coupon with no minimum spend:
 * the customer was told of a rule the coupon does not have. Now both say that the order is too small for the coupon
 * to take anything off and that the coupon was not used up; the customer pays without it.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { keyAmount, openCounterSignedIn, openCustomerSignedIn, scanWithHandheld, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

async function counter(browser: Browser, baseUrl: string, zh: boolean): Promise<Page> {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: baseUrl, ...CONTEXT_DEFAULTS });
	const till = await ctx.newPage();
	await openCounterSignedIn(till, baseUrl);
	if (zh) {
		await till.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
		await till.reload();
		await expect(till.getByRole('group', { name: '金额键盘' })).toBeVisible();
	}
	return till;
}

test('¥0.05 with "15% off, at most ¥20": both screens say the coupon takes nothing off so small an order and is kept, then it pays without it', async ({ page, browser, server }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const before = await api.balance(server.url, alice);
	const percent = page.getByRole('radio', { name: /^15% off, at most ¥20/ });
	await percent.check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;

	const till = await counter(browser, server.url, false);
	await keyAmount(till, '0.05');
	await scanWithHandheld(till, code);
	const declined = till.getByTestId('charge-declined');
	await expect(declined.getByTestId('decline-reason')).toHaveText('The order is too small for this coupon to take anything off, so it was not used up. (15% off, at most ¥20)');
	await expect(declined).not.toContainText('minimum');
	await screenshot(till, 'qa-customer-h-tiny-order-till');

	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
	await expect(result).toContainText('The order is too small for this coupon to take anything off, so it was not used up. (15% off, at most ¥20)');
	await expect(result).not.toContainText('minimum');
	await expect(result).toContainText('Choose another coupon, or none, and show a new code.');
	await screenshot(page, 'qa-customer-h-tiny-order');
	expect(await api.balance(server.url, alice)).toBe(before);

	// Without the coupon the ¥0.05 is paid, and the coupon is still there to use.
	await result.getByRole('button', { name: 'New code without the coupon' }).click();
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
	const fresh = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	await scanWithHandheld(till, fresh); // the handheld scanner, read on the decline screen
	await expect(till.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥0.05');
	await expect(page.getByTestId('customer-result')).toContainText('Paid');
	await page.getByTestId('customer-result').getByRole('button', { name: 'Done' }).click();
	await expect(percent).toBeEnabled();
	expect(await api.balance(server.url, alice)).toBe(before - 5);
	await till.context().close();
});

test('the same in Chinese on both screens', async ({ page, browser, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await page.getByRole('radio', { name: /^8\.5折，最多减¥20/ }).check();
	await page.getByRole('button', { name: '出示付款码' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;

	const till = await counter(browser, server.url, true);
	for (const key of ['0', '.', '0', '5']) {
		await till.getByRole('group', { name: '金额键盘' }).getByRole('button', { name: key === '.' ? '小数点' : key, exact: true }).click();
	}
	await scanWithHandheld(till, code);
	const text = '订单金额过小，该优惠券减免不了任何金额，因此未被使用。';
	await expect(till.getByTestId('decline-reason')).toContainText(text);
	await expect(till.getByTestId('decline-reason')).not.toContainText('最低消费');
	await screenshot(till, 'qa-customer-h-tiny-order-till-zh');
	const result = page.getByTestId('customer-result');
	await expect(result).toContainText(`${text}（8.5折，最多减¥20）`);
	await expect(result).not.toContainText('最低消费');
	await screenshot(page, 'qa-customer-h-tiny-order-zh');
	await till.context().close();
});
