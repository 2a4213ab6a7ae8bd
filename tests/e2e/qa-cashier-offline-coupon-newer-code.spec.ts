/**
 * Cashier review (session 57): a sale with a coupon taken offline was declined when the tablet synced — "The coupon
 * is no longer available" — whenever the customer's phone stayed on its code through the outage: the phone makes a
 * fresh code before the old one expires, the fresh code reserved the same coupon, and the old code's sale found it
 * held. The counter had said the sale was taken, and the customer had left. Now the scan taken wins: the sale pays
 * with its coupon, and both screens say so.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, openCustomerSignedIn, queueSaleOffline, screenshot } from './support/pages';

// Codes live 12 s here, so the phone makes its next code about two seconds after the first (REFRESH_LEAD_MS).
test.use({ serverEnv: { PAYCODE_TTL_MS: '12000' } });

test('a coupon sale queued offline pays with its coupon after the customer’s phone made newer codes with it', async ({ browser, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const before = await api.balance(server.url, alice);

	const phoneCtx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const phone = await phoneCtx.newPage();
	await openCustomerSignedIn(phone, server.url, 'alice', '1111');
	await phone.getByRole('radio', { name: /¥10 off orders of ¥50 or more/ }).check();
	await phone.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = phone.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const scanned = (await ticket.getAttribute('data-code'))!;

	const tabletCtx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const tablet = await tabletCtx.newPage();
	await openCounterSignedIn(tablet, server.url);
	await tabletCtx.setOffline(true);
	await queueSaleOffline(tablet, '60', scanned);

	// The phone, which heard nothing of the sale, moves on to a newer code with the same coupon.
	await expect(ticket).not.toHaveAttribute('data-code', scanned, { timeout: 10_000 });
	await expect(phone.getByText('¥10 off orders of ¥50 or more')).toBeVisible();
	const held = (await api.coupons(server.url, alice)).find((c) => c.title === '¥10 off orders of ¥50 or more' && c.state === 'reserved');
	expect(held, 'the newer code holds the coupon').toBeTruthy();

	await tabletCtx.setOffline(false);
	await expect(tablet.getByTestId('queue-sent-notice')).toContainText('1 queued sale sent and paid');
	await expect(tablet.getByTestId('declined-after-sync')).toBeHidden();

	// The phone shows the sale it paid, with the coupon's saving, and its newer code is put away.
	const result = phone.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(result).toContainText('Coupon saving');
	await expect(result).toContainText('−¥10.00');
	await expect(result).toContainText('¥50.00');
	await expect(ticket).toBeHidden();
	await screenshot(phone, 'qa-offline-coupon-newer-code');
	await screenshot(tablet, 'qa-offline-coupon-newer-code');

	expect(await api.balance(server.url, alice)).toBe(before - 5000);
	expect((await api.coupons(server.url, alice)).find((c) => c.id === held!.id)?.state).toBe('redeemed');
	await phoneCtx.close();
	await tabletCtx.close();
});
