/**
 * A server started with TOPUPS=0 takes no top-ups. Every "Add money" on the phone was a dead end: the balance card's
 * and, filled, the one on "Balance too low", which could only ever answer "Adding money is switched off". The wallet
 * says whether top-ups work, and the phone offers "Add money" only where they do.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, serverEnv: { TOPUPS: '0' } });

test('with top-ups off, balance too low offers a new code or another way, never an Add money that cannot work', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await expect(page.getByTestId('balance')).toHaveText('¥20.00');
	await expect(page.getByRole('button', { name: 'Add money' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const code = (await ticket.getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, code, 5_000)).status).toBe(402);

	const result = page.getByTestId('customer-result');
	await expect(result).toContainText('Balance too low for this amount.');
	await expect(result.getByRole('button', { name: 'Add money' })).toHaveCount(0);
	await expect(result).toContainText('Pay another way: money cannot be added in this app here.');
	await expect(result.getByRole('button').first()).toHaveText('Show a new code');
	await screenshot(page, 'customer-topups-off-declined');
});
