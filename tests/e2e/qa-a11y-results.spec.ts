/**
 * What a screen-reader user hears when a sale or a refund goes through. A decline was read out as an alert, while a
 * sale paid was only "Next customer, button" on the counter and "Paid, heading" on the phone, and a refund's
 * "Refunded." appeared as the focus moved to "Refund more…", which talked over it. Now the focus lands on something
 * that says the result: its name or its description, which a screen reader reads with it.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, openCustomerSignedIn, scanWithHandheld, screenshot } from './support/pages';

test.use({ viewport: TABLET });

/** A customer of their own with ¥500.00 and, if asked, a ¥5 off coupon of Demo Café (tests share the file's server). */
async function customer(base: string, withCoupon: boolean): Promise<{ handle: string; token: string; couponId?: string }> {
	const handle = uniqueHandle('sr');
	const token = await newCustomer(base, handle, 50_000);
	if (!withCoupon) return { handle, token };
	await grantCampaign(base, handle, { title: '¥5 off', rule: { kind: 'fixed', off: 500 }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
	return { handle, token, couponId: (await api.coupons(base, token))[0]!.id };
}

test('the counter says the sale paid, what was charged, the coupon’s saving and the customer, with the focused "Next customer"', async ({ page, server }) => {
	const ana = await customer(server.url, true);
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '28.5');
	await scanWithHandheld(page, await api.payCode(server.url, ana.token, ana.couponId));
	const next = page.getByRole('button', { name: 'Next customer' });
	await expect(next).toBeFocused();
	await expect(next).toHaveAccessibleDescription(`Payment received Charged ¥23.50 Amount ¥28.50 Coupon saving −¥5.00 ¥5 off Customer: ${ana.handle}`);
	// Those are the screen's own words, not a hidden copy of them: read through the panel, the sale is heard once.
	await expect(page.getByText(`Customer: ${ana.handle}`)).toHaveCount(1);
	await screenshot(page, 'qa-a11y-counter-paid');

	// No coupon: said so, and in Chinese too.
	await next.click();
	const ben = await customer(server.url, false);
	await keyAmount(page, '12');
	await scanWithHandheld(page, await api.payCode(server.url, ben.token));
	await expect(next).toBeFocused();
	// The dash shown for no saving is not said.
	await expect(next).toHaveAccessibleDescription(`Payment received Charged ¥12.00 Amount ¥12.00 Coupon saving No coupon Customer: ${ben.handle}`);
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(page.getByRole('button', { name: '下一位顾客' })).toHaveAccessibleDescription(`收款成功 实付 ¥12.00 订单金额 ¥12.00 优惠 未使用优惠券 顾客：${ben.handle}`);
});

test('a part refund on Today is said with the focused "Refund more…"', async ({ page, server }) => {
	const cleo = await customer(server.url, false);
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, cleo.token), 4000)).status).toBe(201);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: `Details ${cleo.handle} ¥40.00` }).click();
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).fill('10');
	await page.getByRole('button', { name: 'Refund…' }).click();
	await page.getByRole('dialog', { name: 'Refund this payment?' }).getByRole('button', { name: 'Refund ¥10.00' }).click();
	const more = page.getByRole('button', { name: 'Refund more…' });
	await expect(more).toBeFocused();
	await expect(more).toHaveAccessibleDescription('Refunded. ¥10.00 went back to the customer.');
	await screenshot(page, 'qa-a11y-refund-done');
});

test('the phone’s focused heading says what was paid, where, and the coupon’s saving', async ({ browser, server }) => {
	const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const phone = await context.newPage();
	const cashier = await api.cashierSession(server.url);
	const dora = await customer(server.url, true);
	await openCustomerSignedIn(phone, server.url, dora.handle, '4826');
	await phone.getByRole('radio', { name: /^¥5 off/ }).check();
	await phone.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = phone.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	expect((await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, 3000)).status).toBe(201);
	const heading = phone.getByTestId('customer-result').getByRole('heading', { level: 1 });
	await expect(heading).toBeFocused();
	await expect(heading).toHaveAccessibleName('Paid ¥25.00 at Demo Café, coupon saving ¥5.00');
	// On screen it is still the one word, above the amount in large figures.
	await expect(heading).toHaveText('Paid');
	await screenshot(phone, 'qa-a11y-customer-paid');

	// Without a coupon, no saving is said; in Chinese too.
	await phone.getByRole('button', { name: 'Done' }).click();
	await phone.locator('button.lang').click();
	await phone.getByRole('button', { name: '出示付款码' }).click();
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	expect((await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, 1000)).status).toBe(201);
	await expect(heading).toBeFocused();
	await expect(heading).toHaveAccessibleName('付款成功：在 Demo Café 实付 ¥10.00');
	await context.close();
});
