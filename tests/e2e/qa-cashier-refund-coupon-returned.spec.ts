/**
 * A full refund of a coupon sale gives the coupon back to the customer (the API says so on the refund:
 * couponReturned), and the customer's history says "Coupon returned to you"; the cashier's payment detail said
 * nothing of it, and customers at the counter ask. It says so now, when the refund is made and on the refund's line.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';
import { atEverySizeAndLanguage } from './support/variants';

const SIZES = [TABLET, { width: 768, height: 1024 }];

// One refund for both sizes: the page is resized for the checks and screenshots, and only the layout differs.
test(`a full refund that gave the coupon back says so on the cashier's payment detail (${SIZES.map((s) => `${s.width}px`).join(' and ')}, en and zh)`, async ({ browser, server }) => {
	const [who, pin] = ['bob', '2222'];
	const customer = await api.customerToken(server.url, who, pin);
	const cashier = await api.cashierSession(server.url);
	const coupon = (await api.coupons(server.url, customer)).find((c) => c.rule.kind === 'threshold')!;
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, customer, coupon.id), 6000);
	expect(paid.status).toBe(201);

	const ctx = await browser.newContext({ viewport: SIZES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('searchbox').fill(`${who} 60`);
	await page.getByRole('button', { name: new RegExp(`Details ${who}`) }).click();

	// A part first: the coupon stays used, and nothing says otherwise.
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).fill('10');
	await page.getByRole('button', { name: 'Refund…' }).click();
	await page.getByRole('dialog', { name: 'Refund this payment?' }).getByRole('button', { name: 'Refund ¥10.00' }).click();
	const done = page.getByRole('status').filter({ hasText: 'Refunded.' });
	await expect(done).toBeVisible();
	await expect(done).not.toContainText('Coupon returned');

	// The rest: the coupon goes back to the customer, and the cashier is told.
	await page.getByRole('button', { name: 'Refund more…' }).click();
	await page.getByLabel(/All that is left/).check();
	await page.getByRole('button', { name: 'Refund…' }).click();
	await page.getByRole('dialog', { name: 'Refund this payment?' }).getByRole('button', { name: /^Refund ¥/ }).click();
	// The screen's word first: the click only sends the refund (a busy CI run read the coupon before it was made).
	await expect(page.getByTestId('refund-done-coupon')).toHaveText('Coupon returned to the customer');
	expect((await api.coupons(server.url, customer)).find((c) => c.id === coupon.id)?.state).toBe('available');
	await atEverySizeAndLanguage(page, SIZES, ['en', 'zh'], async (size, lang) => {
		if (lang === 'en') {
			await expect(page.getByTestId('refund-done-coupon')).toHaveText('Coupon returned to the customer');
			await expect(page.getByTestId('refund-coupon-returned')).toHaveText(['Coupon returned to the customer']);
			await screenshot(page, `qa-refund-coupon-returned-${size.width}`);
		} else {
			// A sentence after the refund's sentence in the notice, ended as it is; a tag on the refund's line.
			await expect(page.getByTestId('refund-done-coupon')).toHaveText('优惠券已退还给顾客。');
			await expect(page.getByTestId('refund-coupon-returned')).toHaveText(['优惠券已退还给顾客']);
			await screenshot(page, `qa-refund-coupon-returned-zh-${size.width}`);
		}
	});
	await ctx.close();
});
