/**
 * A customer's code taken before the amount ("Code received •••• 1234") and left on the counter: the customer paid
 * another way, or changed their mind, and walked off. Minutes later the cashier keys the next customer's amount and
 * presses Enter (or Charge): the old code was charged, and its owner paid for someone else's order. The server takes a
 * scan more than two minutes old as a sale taken offline (it pays up to the offline cap), so only the counter can tell
 * it is stale. A code taken more than two minutes ago is no longer charged: the counter says why and to scan again,
 * keeps the amount, and the next code scanned pays it.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';
import type { Page } from '@playwright/test';

/** The answers' Date headers are taken out, so the tablet's offset to the server's clock stays as it learned it. */
async function learnNoServerTime(page: Page): Promise<void> {
	await page.route('**/api/**', async (route) => {
		if (route.request().url().includes('/api/events')) return route.fallback();
		const response = await route.fetch();
		const headers = { ...response.headers() };
		delete headers.date;
		await route.fulfill({ response, headers });
	});
}

// Codes live ten minutes here: the old code is still live on the server when the test charges it, so nothing but
// the counter can stop it (and the fresh code scanned on the page's moved-on clock is within its life).
test.use({ serverEnv: { PAYCODE_TTL_MS: '600000' } });

test('a code taken more than two minutes ago is not charged for the amount keyed now', async ({ page, server }) => {
	const gone = await newCustomer(server.url, uniqueHandle('gone'), 50_000);
	const next = await newCustomer(server.url, uniqueHandle('next'), 50_000);
	await page.clock.install();
	await openCounterSignedIn(page, server.url);

	// The first customer's code, with no amount: it waits on the counter.
	await scanWithHandheld(page, await api.payCode(server.url, gone));
	await expect(page.getByTestId('pending-code')).toBeVisible();

	// The tablet's clock stays the page's own from here on: answers' Date headers would teach it the server's
	// (real) time back, as if no time had passed.
	await learnNoServerTime(page);
	await page.clock.fastForward('02:30');

	// The next customer's amount, and Enter.
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Payment not taken')).toBeVisible();
	await expect(page.getByText(/taken more than two minutes ago/)).toBeVisible();
	await expect(page.getByTestId('pending-code')).toBeHidden();
	await expect(page.getByTestId('amount-display')).toHaveText('¥25');
	await screenshot(page, 'qa-stale-code');
	expect(await api.balance(server.url, gone)).toBe(50_000);

	// The customer in front of the cashier scans: charged the amount keyed.
	await scanWithHandheld(page, await api.payCode(server.url, next));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	expect(await api.balance(server.url, next)).toBe(50_000 - 2_500);
	expect(await api.balance(server.url, gone)).toBe(50_000);
});

test('a clock set right between the scan and Enter (two minutes and more) does not make a fresh code stale', async ({ page, server }) => {
	const here = await newCustomer(server.url, uniqueHandle('here'), 50_000);
	await page.clock.install();
	await openCounterSignedIn(page, server.url);
	// As above, the tablet learns nothing from the answers' Date headers from here on: its offset to the server stays
	// as learned, and only its own clock moves.
	await learnNoServerTime(page);

	await scanWithHandheld(page, await api.payCode(server.url, here));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	// The tablet's clock is corrected (network time) by three minutes while the customer waits a second or two.
	await page.clock.setSystemTime(Date.now() + 3 * 60_000);
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	expect(await api.balance(server.url, here)).toBe(50_000 - 2_500);
});
