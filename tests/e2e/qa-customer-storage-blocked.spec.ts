/**
 * A phone whose browser blocks the site's storage (site data blocked in its settings, some private modes): reading
 * `localStorage` itself throws there. The app still works online, without keeping anything on the phone. But "Sign
 * out" read it first, to forget what was kept, and threw: the customer stayed signed in on a shared phone, and the
 * next person could pay from their wallet.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { signInCustomer } from './support/pages';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('with the storage blocked, a customer signs in, sees their wallet and history, and signs out', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 321)).status).toBe(201);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
	await page.addInitScript(() => {
		Object.defineProperty(window, 'localStorage', {
			configurable: true,
			get() {
				throw new DOMException('Access is denied for this document.', 'SecurityError');
			}
		});
	});

	await signInCustomer(page, 'carol', '3333');
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Demo Café' }).first()).toContainText('¥3.21');
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page.getByTestId('balance')).toContainText('¥');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect(page.getByTestId('balance')).toHaveCount(0);
	expect(errors).toEqual([]);
});
