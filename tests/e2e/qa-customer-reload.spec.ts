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
