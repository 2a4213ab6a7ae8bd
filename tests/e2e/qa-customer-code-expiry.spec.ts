/**
 * On a weak network the new code can be slow to come. The code on screen must never outlive its expiry: a cashier
 * scanning it would be declined, and the phone would even blame "an older code". Past the moment it was to be
 * replaced, the countdown says how long this one still works; once it has expired, it leaves the screen until the
 * new one arrives.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

// 12 s codes: replaced after 6 s (the lead is half the lifetime for such short ones), expired after 12 s.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '12000' } });

test('a code whose replacement is slow says how long it still works, and leaves the screen when it expires', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toBeVisible();
	const first = (await ticket.getAttribute('data-code'))!;
	const shownAt = Date.now();
	const couponLine = page.locator('.coupon-line');
	const couponLineTop = (await couponLine.boundingBox())!.y;

	// The request for the next code goes out, and its answer is held back: a weak network.
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/paycodes', async (route) => {
		if (route.request().method() === 'POST') await released;
		await route.continue();
	});

	// Past the replacement moment the countdown no longer promises a new code in "0 s": it counts what is left.
	await expect(page.getByText(/^This code works [1-5] s more$/)).toBeVisible({ timeout: 10_000 });
	await expect(ticket).toHaveAttribute('data-code', first);
	await expect(page.getByText('New code in 0 s')).toHaveCount(0);

	// Expired: the code is no longer shown (no QR, no digits), and the screen says a new one is on its way.
	await expect(page.getByTestId('code-expired')).toHaveText('This code has expired. Getting a new one…', { timeout: 12_000 - (Date.now() - shownAt) + 2_000 });
	await expect(ticket).toHaveCount(0);
	await expect(page.getByText(first.slice(0, 3), { exact: true })).toHaveCount(0);
	// With nothing on screen to scan, the screen does not say "Waiting for the cashier" (it did, under the expired
	// note); and the coupon line stays where it was, rather than jumping down by the placeholder's extra height.
	// (Read at once: the same render that took the code away must take the line away too.)
	expect(Math.abs((await couponLine.boundingBox())!.y - couponLineTop)).toBeLessThanOrEqual(1);
	expect(await page.getByText('Waiting for the cashier').count()).toBe(0);
	await screenshot(page, 'qa-customer-code-expired-360');
	await page.locator('button.lang').click();
	await expect(page.getByTestId('code-expired')).toHaveText('此付款码已过期，正在获取新码…');
	await page.locator('button.lang').click();

	// The cashier could not have paid with it anyway.
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, first, 500)).status).toBe(402);

	// The answer arrives. Its code's life counts from when it was asked for, some 7 s ago (the phone cannot tell how
	// much of the wait came before the server made it), so it is replaced at once: the code that settles on screen,
	// with its whole countdown, is new, and it pays.
	release();
	await expect(page.getByText(/^New code in [56] s$/)).toBeVisible();
	await expect(page.getByText('Waiting for the cashier')).toBeVisible();
	const second = (await ticket.getAttribute('data-code'))!;
	expect(second).not.toBe(first);
	expect((await api.pay(server.url, cashier.token, second, 500)).status).toBe(201);
	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible();
});
