/**
 * "Given to friends" is the home screen's, beside the coupon list. It was drawn under every screen of /customer: under
 * the payment code (its heading showing at the foot of a 360×640 phone held to the till, a coupon list that is no
 * part of the code) and under a payment's result.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { screenshot, signInCustomer } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

test('the coupons given to friends are listed on the home screen, not under the code or the result', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const five = (await api.coupons(server.url, bob)).find((c) => c.state === 'available' && c.rule.kind === 'fixed')!; // ¥5 off, shareable
	const shareToken = await api.shareCoupon(server.url, bob, five.id);
	expect(await api.claimShare(server.url, await newCustomer(server.url, uniqueHandle('friend'), 0), shareToken)).toBe(201);

	await signInCustomer(page, 'bob', '2222');
	const given = page.getByTestId('given-coupons');
	await expect(given).toBeVisible();

	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(given).toBeHidden();
	await screenshot(page, 'qa-customer-h-given-code');

	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, 800)).status).toBe(201);
	await expect(page.getByTestId('customer-result')).toBeVisible();
	await expect(given).toBeHidden();

	await page.getByRole('button', { name: 'Done' }).click();
	await expect(given).toBeVisible();
	await screenshot(page, 'qa-customer-h-given-home');
});
