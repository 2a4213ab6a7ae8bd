/**
 * The customer's phone: coupons in plain words, a code that renews itself before it expires, a
 * decline seen live with what to do next, and the history with refunds.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { expectAccessible, screenshot, signInCustomer } from './support/pages';

// A short code lifetime so the automatic refresh happens within the test (refresh at 6 s of 12).
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '12000' } });

test('coupons read in plain words, and the ones not usable now are greyed out with the reason', async ({ page, server }) => {
	// bob uses his "5 off" coupon first, so it shows as used.
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const fiveOff = (await api.coupons(server.url, bob)).find((c) => c.title === '¥5 off')!;
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, fiveOff.id), 1000)).status).toBe(201);

	await signInCustomer(page, 'bob', '2222');
	await expect(page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ })).toBeEnabled();
	await expect(page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ })).toHaveAccessibleName(/Only at Demo Café/);
	await expect(page.getByRole('radio', { name: /^15% off, at most ¥20/ })).toHaveAccessibleName(/At all shops/);
	const used = page.getByRole('radio', { name: /^¥5 off/ });
	await expect(used).toBeDisabled();
	await expect(used).toHaveAccessibleName(/Already used/);
	await expect(page.getByTestId('balance')).toHaveText('¥495.00');
	await screenshot(page, 'customer-home');
	await expectAccessible(page, 'customer home');
});

test('the code renews itself before it expires, with the same coupon, and only the new one pays', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'alice', '1111');
	await page.getByRole('radio', { name: /^¥5 off/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	const first = (await ticket.getAttribute('data-code'))!;
	await expect(page.getByText(/New code in \d+ s/)).toBeVisible();
	await expect(page.getByText('Turn brightness up for the scanner')).toBeVisible();

	await expect(ticket).not.toHaveAttribute('data-code', first, { timeout: 15_000 });
	const second = (await ticket.getAttribute('data-code'))!;
	expect(second).toMatch(/^\d{18}$/);
	// The old code was retired; the new one still carries the "5 off" coupon.
	const old = await api.pay(server.url, cashier.token, first, 2000);
	expect(old.status).toBe(402);
	const paid = await api.pay(server.url, cashier.token, second, 2000);
	expect(paid.status).toBe(201);
	expect(paid.data.payment.charged.amount).toBe(1500);
	await expect(page.getByTestId('customer-result')).toContainText('¥15.00');
	expect(await api.balance(server.url, alice)).toBe(50000 - 1500);
});

test('a declined payment shows on the phone with what to do next', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'carol', '3333');
	await page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;

	// The cashier keys 20.00: below the coupon's minimum of 50.
	expect((await api.pay(server.url, cashier.token, code, 2000)).status).toBe(402);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
	await expect(result).toContainText('The coupon is only valid on orders of ¥50 or more.');
	await expect(result).toContainText('Choose another coupon, or none, and show a new code.');
	await screenshot(page, 'customer-declined');
	await expectAccessible(page, 'customer decline');

	// One tap: a new code without the coupon, which then pays.
	await result.getByRole('button', { name: 'New code without the coupon' }).click();
	await expect(page.getByText('Coupon', { exact: true }).locator('..')).toContainText('None');
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
	const fresh = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect(fresh).not.toBe(code);
	expect((await api.pay(server.url, cashier.token, fresh, 2000)).status).toBe(201);
	await expect(page.getByTestId('customer-result')).toContainText('¥20.00');
});

test('a payment over the balance shows the order and the balance, and money added from there pays it', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const before = await api.balance(server.url, carol);
	const order = before + 1000; // 10.00 more than she has
	await signInCustomer(page, 'carol', '3333');
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, code, order)).status).toBe(402);

	const result = page.getByTestId('customer-result');
	await expect(result).toContainText('Balance too low for this amount.');
	const yuan = (minor: number) => `¥${(minor / 100).toFixed(2)}`;
	await expect(result.getByTestId('declined-amount')).toHaveText(yuan(order));
	await expect(result.getByTestId('declined-balance')).toHaveText(yuan(before));
	await screenshot(page, 'customer-declined-funds');

	// Add money, right from the decline: a simulated top-up, said so.
	await result.getByRole('button', { name: 'Add money' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await expect(dialog).toContainText('A demo top-up');
	await dialog.getByText('¥50', { exact: true }).click();
	await screenshot(page, 'customer-topup');
	await expectAccessible(page, 'top-up');
	await dialog.getByRole('button', { name: 'Add ¥50.00' }).click();
	await expect(dialog).toBeHidden();
	await expect(result.getByTestId('declined-balance')).toHaveText(yuan(before + 5000));
	expect(await api.balance(server.url, carol)).toBe(before + 5000);

	// A new code now pays the order.
	await result.getByRole('button', { name: 'Show a new code' }).click();
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
	const fresh = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, fresh, order)).status).toBe(201);
	await expect(page.getByTestId('customer-result')).toContainText('Paid');
	expect(await api.balance(server.url, carol)).toBe(before + 5000 - order);
});
