/**
 * The wallet history on a weak network. Opened without a connection it said "Could not reach the server" and went
 * on saying it after the connection came back; left open while offline, it missed what happened meanwhile (a refund
 * the shop made). Back online, it is read again, as the home screen's balance is.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function payAtTheCafe(base: string, customer: string, amount: number): Promise<string> {
	const cashier = await api.cashierSession(base);
	const { data } = await api.pay(base, cashier.token, await api.payCode(base, customer), amount);
	return data.payment.id;
}

async function openHistory(page: Page): Promise<void> {
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
}

test('opened offline, the history loads by itself once the network is back', async ({ page, server, context }) => {
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await payAtTheCafe(server.url, carol, 1250);
	// Once online, so the screen's code is on the phone (the service worker keeps it for a real phone).
	await openHistory(page);
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page).toHaveURL(/\/customer$/);
	// Nothing of the history kept on the phone (qa-customer-wallet-offline.spec.ts shows what is kept): there is
	// nothing to show offline but the error.
	await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('pos.customer-history.')))).toBe(true);
	await page.evaluate(() => Object.keys(localStorage).forEach((k) => k.startsWith('pos.customer-history.') && localStorage.removeItem(k)));

	await context.setOffline(true);
	await openHistory(page);
	await expect(page.getByText('Could not reach the server. Check the connection and try again.')).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText('Could not reach the server. Check the connection and try again.')).toHaveCount(0);
	await expect(page.getByRole('listitem').filter({ hasText: 'Demo Café' })).toContainText('¥12.50');
	await screenshot(page, 'qa-customer-history-back-online-360');
});

test('left open offline, the history shows a refund made meanwhile once the network is back', async ({ page, server, context }) => {
	const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const paymentId = await payAtTheCafe(server.url, bob, 3000);
	await openHistory(page);
	await expect(page.getByRole('listitem').filter({ hasText: 'Demo Café' })).toContainText('¥30.00');

	await context.setOffline(true);
	const cashier = await api.cashierSession(server.url);
	const refund = await fetch(`${server.url}/api/payments/${paymentId}/refunds`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ amount: { amount: 1000, currency: 'CNY' } })
	});
	expect(refund.status).toBe(201);

	await context.setOffline(false);
	await expect(page.getByRole('listitem').filter({ hasText: 'Refund · Demo Café' })).toContainText('+¥10.00');
	await expect(page.getByTestId('history-cash-back')).toHaveText('¥10.00 refunded');
});

test('back online, a history opened further with "Show more" keeps its older lines and gains what happened meanwhile', async ({ page, server, context }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	for (let i = 0; i < 21; i++) await payAtTheCafe(server.url, alice, 101 + i);
	await openHistory(page);
	const lines = page.getByRole('listitem').filter({ hasText: 'Demo Café' });
	await expect(lines).toHaveCount(20);
	await page.getByRole('button', { name: 'Show more' }).click();
	await expect(lines).toHaveCount(21);

	await context.setOffline(true);
	await payAtTheCafe(server.url, alice, 777);
	await context.setOffline(false);
	await expect(lines.first()).toContainText('¥7.77');
	await expect(lines).toHaveCount(22);
	await expect(lines.last()).toContainText('¥1.01');
});
