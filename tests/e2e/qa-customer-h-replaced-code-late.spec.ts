/**
 * The other side of "a sale from before this screen opened is not its result" (customer-code.spec.ts): a code this
 * screen showed, scanned at an offline till and replaced on the phone before the sale arrived, is this screen's. Its
 * result comes up on the live stream, and the code that replaced it leaves the screen with it and pays no more.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { signInCustomer } from './support/pages';

// 12 s codes, replaced after 2 s: the phone replaces the scanned code before the till sends its sale.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '12000' } });

test('a code of this screen scanned offline and replaced meanwhile: its late sale is shown, and the new code stops paying', async ({ page, server }) => {
	await signInCustomer(page, 'bob', '2222');
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(page.getByText('Waiting for the cashier')).toBeVisible();
	const scanned = (await ticket.getAttribute('data-code'))!;
	const scannedAt = new Date().toISOString();
	// The phone replaces it on its schedule.
	await expect(ticket).not.toHaveAttribute('data-code', scanned);
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const replacement = (await ticket.getAttribute('data-code'))!;

	const cashier = await api.cashierSession(server.url);
	const putAway = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes(`code=${replacement}`));
	const sync = await fetch(`${server.url}/api/payments`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cashier.token}`, 'Idempotency-Key': `replaced-${Date.now()}` },
		body: JSON.stringify({ code: scanned, amount: { amount: 1250, currency: 'CNY' }, scannedAt })
	});
	expect(sync.status).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(result.locator('.big')).toHaveText('¥12.50');
	expect((await putAway).status()).toBe(204);
	expect((await api.pay(server.url, cashier.token, replacement, 300)).status).toBe(402);
});
