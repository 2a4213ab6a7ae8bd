/**
 * A wallet with no coupon it could use (a new one, "No coupons yet") was still offered a way to pick one: "Change" beside
 * the code screen's "No coupon", and "Use a coupon" on a declined payment's result, each leading to a list with nothing
 * to choose. They are offered only when the wallet holds a usable coupon, as its "No coupon · 3 usable" counts them.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { PHONE } from './support/browser';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

test('a new wallet with no coupons is not offered "Change" on its code, nor "Use a coupon" when declined', async ({ page, server }) => {
	const handle = uniqueHandle('nocoupon');
	await newCustomer(server.url, handle, 0);
	await openCustomerSignedIn(page, server.url, handle, '4826');
	await expect(page.getByText('No coupons yet')).toBeVisible();

	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(page.getByText('None', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Change' })).toHaveCount(0);
	await screenshot(page, 'qa-customer-no-usable-coupon-code');

	// ¥0.00 in the wallet: the till declines it as the balance is too low.
	const cashier = await api.cashierSession(server.url);
	const declined = await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, 1_000);
	expect(declined.data.payment.status).toBe('declined');
	await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add money' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Use a coupon' })).toHaveCount(0);
	await screenshot(page, 'qa-customer-no-usable-coupon-declined');
	// The way back to the wallet that "Use a coupon" also was.
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByText('No coupons yet')).toBeVisible();
});

test('a wallet with a usable coupon still gets "Change" on its code and "Use a coupon" when declined', async ({ page, server }) => {
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(page.getByRole('button', { name: 'Change' })).toBeVisible();
	// More than Carol's balance.
	const cashier = await api.cashierSession(server.url);
	const order = (await api.balance(server.url, carol)) + 10_000;
	expect((await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, order)).data.payment.status).toBe('declined');
	await expect(page.getByRole('button', { name: 'Use a coupon' })).toBeVisible();
});
