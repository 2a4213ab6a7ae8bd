/** A reload (a pull to refresh on the phone) in the middle of paying: what the customer chose and saw is kept. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { signInCustomer } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a reload on the code screen keeps the chosen coupon: the next code still carries it', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'bob', '2222');
	await page.getByRole('radio', { name: /^¥5 off/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);

	await page.reload();
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toBeChecked();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByText('Coupon', { exact: true }).locator('..')).toContainText('¥5 off');
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	const paid = await api.pay(server.url, cashier.token, code, 2000);
	expect(paid.status).toBe(201);
	expect(paid.data.payment.charged.amount).toBe(1500);
});

test('a reload on the result screen shows the same result again, with the new balance', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'carol', '3333');
	await page.getByRole('radio', { name: /^¥5 off/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, code, 1200)).status).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();

	await page.reload();
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(result).toContainText('¥7.00');
	await expect(page.getByTestId('new-balance')).toHaveText('¥13.00');
	// Done is the way home, as before the reload; a later reload stays there.
	await result.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥13.00');
	await page.reload();
	await expect(page.getByTestId('balance')).toHaveText('¥13.00');
	await expect(result).toHaveCount(0);

	// A decline too: "balance too low" is still the news after a reload, with what it takes.
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const second = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, second, 5000)).status).toBe(402);
	await expect(result.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
	await page.reload();
	await expect(result.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
	await expect(result).toContainText('Balance too low for this amount.');
	await expect(page.getByTestId('declined-balance')).toHaveText('¥13.00');
});

test('back home after paying with a coupon: no coupon is chosen, and no warning that the coupon "has been used"', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'alice', '1111');
	await page.getByRole('radio', { name: /^15% off/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, code, 9000)).status).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(page.getByTestId('new-balance')).toHaveText('¥423.50');
	await result.getByRole('button', { name: 'Done' }).click();

	await expect(page.getByTestId('balance')).toHaveText('¥423.50');
	await expect(page.getByRole('radio', { name: /^15% off/ })).toBeDisabled();
	await expect(page.getByRole('radio', { name: 'No coupon' })).toBeChecked();
	await expect(page.getByTestId('coupon-lost')).toHaveCount(0);
	await expect(page.getByText(/has been used/)).toHaveCount(0);
});
