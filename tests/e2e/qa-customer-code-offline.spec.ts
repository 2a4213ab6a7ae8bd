/**
 * A customer shows their payment code and the phone loses its connection (a shop in a basement). The screen went on
 * saying "Waiting for the cashier — the result shows here" and "New code in … s", as if nothing had changed. It now
 * says it plainly: the code on screen still works until it runs out (the till checks it), a new code needs a
 * connection, and the result shows once the phone is back online (or in the history). A code that runs out offline
 * leaves the screen, as one that runs out online does.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, preloadChinese, screenshot, switchLanguage } from './support/pages';

// 20 s codes: replaced after 10 s, expired after 20 s (room to read the offline note at two sizes and in two
// languages before the till takes the code).
test.use({ isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '20000' } });


/** The customer signs in and shows a payment code; answers the ticket on screen and the code it holds. */
async function showCode(page: Page, serverUrl: string, handle: string, pin: string) {
	await openCustomerSignedIn(page, serverUrl, handle, pin);
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toBeVisible();
	return { ticket, code: (await ticket.getAttribute('data-code'))! };
}

const SIZES = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
];

// One phone goes offline; the note is checked on the narrowest screen first (where the flow ran before), then on a
// common one by resizing the same page: what is said does not depend on the size, where it sits does.
test(`offline, the code screen says the code still works, a new one needs a connection, and the result comes later (at ${SIZES.map((s) => `${s.width}×${s.height}`).join(' and ')}, en and zh)`, async ({ page, context, server }) => {
	await page.setViewportSize(SIZES[0]!);
	const { ticket, code } = await showCode(page, server.url, 'alice', '1111');

	await preloadChinese(page);
	await context.setOffline(true);
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await expect(ticket.getByRole('alert')).toHaveText(/You’re offline\. This code works until the timer runs out \(the till checks it\); a new code needs a connection\./);
		await expect(page.getByText('Scanned while you’re offline? The result shows once you’re back online, or see Wallet history.')).toBeVisible();
		// No promise of a new code it cannot get: the countdown is of what this one has left.
		await expect(page.getByText(/^This code works \d+ s more$/)).toBeVisible();
		await expect(page.getByText(/^New code in/)).toHaveCount(0);
		await expect(page.getByText('Waiting for the cashier — the result shows here.')).toHaveCount(0);
		// Held to the till, the note is on screen with the code and the coupon it applies.
		for (const part of [ticket.getByRole('alert'), page.locator('.coupon-line')]) {
			expect(await part.evaluate((el) => el.getBoundingClientRect().bottom - window.innerHeight), `${size.width}×${size.height}`).toBeLessThanOrEqual(0);
		}
		await screenshot(page, `qa-customer-code-offline-${size.width}x${size.height}`);
		await switchLanguage(page);
		await expect(ticket.getByRole('alert')).toContainText('您已离线');
		await screenshot(page, `qa-customer-code-offline-zh-${size.width}x${size.height}`);
		await switchLanguage(page);
	}

	// The till is online: it takes the code on screen. The phone shows the result once it is back online.
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, code, 300)).status).toBe(201);
	await context.setOffline(false);
	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 15_000 });
});

test.describe('a code that runs out', () => {
	// 8 s codes: replaced after 4 s, expired after 8 s. Nothing here reads the countdown: the tests wait for the code to
	// run out, and a shorter life gets them there sooner (their own server, started once for both).
	test.use({ serverEnv: { PAYCODE_TTL_MS: '8000' } });

	test('a code that runs out while the phone is offline leaves the screen, and the home screen says where its result will be', async ({ page, context, server }) => {
		await page.setViewportSize({ width: 360, height: 640 });
		const { ticket, code } = await showCode(page, server.url, 'carol', '3333');
		await preloadChinese(page);
		await context.setOffline(true);

		// Run out: no QR, no digits left as if live; what is said instead is that a new code needs a connection.
		await expect(ticket).toHaveCount(0, { timeout: 15_000 });
		await expect(page.getByText(code.slice(0, 3), { exact: true })).toHaveCount(0);
		await expect(page.getByText('Scanned while you’re offline? The result shows once you’re back online, or see Wallet history.')).toBeVisible();
		await expect(page.getByTestId('customer-offline')).toContainText('a payment code needs the network');
		await screenshot(page, 'qa-customer-code-offline-expired-360x640');
		await switchLanguage(page);
		await expect(page.getByText('离线时被扫了码？恢复联网后会显示结果，也可查看“钱包明细”。')).toBeVisible();
		await screenshot(page, 'qa-customer-code-offline-expired-zh-360x640');
		await switchLanguage(page);
		await context.setOffline(false);
	});

	test('a code that runs out while the server is out of reach (the phone online) says where its result will be, without "offline"', async ({ page, server }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		const { ticket } = await showCode(page, server.url, 'carol', '3333');
		// The phone is online; the server does not answer its requests for a fresh code.
		await page.route('**/api/paycodes', (route) => route.abort('connectionrefused'));

		await expect(ticket).toHaveCount(0, { timeout: 15_000 });
		await expect(page.getByText('Scanned before it ran out? The result shows once the phone reaches the server again, or see Wallet history.')).toBeVisible();
		await expect(page.getByText(/offline/i)).toHaveCount(0);
		await screenshot(page, 'qa-customer-code-lost-server-out-390x844');
	});
});
