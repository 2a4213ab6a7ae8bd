/**
 * The customer taps Close on the payment code just as the cashier scans it. The payment settles a moment later by
 * the time of its scan, before the code was put away, so the customer is charged; the phone went back to the
 * home screen and said nothing of it, and a customer who saw no result would ask for another go. The result now
 * comes up as it does with the code still open.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

async function showCode(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

async function payScannedAt(base: string, cashierToken: string, code: string, amount: number, scannedAt: string) {
	const res = await fetch(`${base}/api/payments`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashierToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ code, amount: { amount, currency: 'CNY' }, scannedAt })
	});
	return res.status;
}

test('Close tapped as the cashier scanned: the phone still shows the payment it was charged', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const code = await showCode(page);
	const scannedAt = new Date().toISOString();
	await page.getByRole('button', { name: 'Close' }).click();
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();

	// The till's request, sent at the scan, reaches the server after the code was put away.
	expect(await payScannedAt(server.url, cashier.token, code, 2000, scannedAt)).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(result).toContainText('¥20.00');
	await screenshot(page, 'qa-customer-close-as-scanned');
	await result.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
});

test('a scan after Close is declined at the till, and the phone stays on its home screen', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const code = await showCode(page);
	const putAway = page.waitForResponse((r) => r.url().includes('/api/paycodes/current') && r.request().method() === 'DELETE');
	await page.getByRole('button', { name: 'Close' }).click();
	expect((await putAway).ok()).toBe(true);
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
	// Put away on the server before the scan: the code no longer pays.
	expect(await payScannedAt(server.url, cashier.token, code, 2000, new Date().toISOString())).toBe(402);
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
	await page.waitForTimeout(500);
	await expect(page.getByTestId('customer-result')).toHaveCount(0);
});
