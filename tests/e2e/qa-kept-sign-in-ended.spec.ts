/**
 * A tablet (or a phone) opened on a sign-in the server had already ended (it ran out overnight, or a new PIN was set
 * on another tablet) showed the counter, or the wallet, for a moment, and then the sign-in screen took its place:
 * the kept sign-in was taken up at once and only its check (GET /api/me) signed it out. Now a quick answer of the
 * check is waited for, for a moment, before the kept sign-in shows. A network that hangs still opens the counter after
 * that moment, even on a sign-in past its expiry, so that sales can be queued (qa-cashier-open-hanging.spec.ts,
 * qa-customer-open-hanging.spec.ts).
 *
 * "Never shown" is watched from the page's first moment by a MutationObserver, so a flash of any length counts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { newCustomer, uniqueHandle } from './support/customers';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, openCustomerSignedIn, screenshot } from './support/pages';
import { changeKeptSession, holdSessionCheck } from './support/session-check';

const COUNTER = '[role="group"][aria-label="Amount keypad"]';
const WALLET = '[data-testid="balance"]';
const TABLET_ENDED = 'This tablet was signed out: a manager signed it out or changed the PIN, the cashier was removed, or the sign-in ran out. Sign in again.';
// Its kept expiry has passed: the phone tells a sign-in that ran out from a new PIN (customer-signin.spec.ts).
const ENDED = 'This phone’s sign-in ran out. Sign in again to pay: your PIN is the same.';

/** From the next page on, notes whether anything matching `selector` was ever in the page. */
async function watchFor(page: Page, selector: string): Promise<() => Promise<boolean>> {
	await page.addInitScript((sel) => {
		const w = window as unknown as { seen?: boolean };
		w.seen = false;
		new MutationObserver(() => {
			if (!w.seen && document.querySelector(sel)) w.seen = true;
		}).observe(document, { childList: true, subtree: true });
	}, selector);
	return () => page.evaluate(() => (window as unknown as { seen?: boolean }).seen === true);
}

async function endOnServer(base: string, token: string): Promise<void> {
	const res = await fetch(`${base}/api/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
	expect(res.status).toBe(204);
}

const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

test.describe('the cashier tablet', () => {
	test.use({ viewport: TABLET });

	test('a kept sign-in past its expiry, on a network that hangs, still opens the counter; the server\'s answer then signs it out', async ({
		page,
		context,
		server
	}) => {
		// A tablet opened in the morning on yesterday's sign-in with the network not answering: the cashier must still be
		// able to queue sales (no one could sign in there until the network returns), so the expiry the tablet kept does
		// not decide on its own; the server's 401 does, once it comes.
		const token = await openCounterSignedIn(page, server.url);
		await endOnServer(server.url, token);
		await changeKeptSession(page, 'cashier', { expiresAt: aMinuteAgo() });
		const check = await holdSessionCheck(context);

		await page.reload();
		await expect.poll(() => check.held.length).toBe(1);
		await expect(page.locator(COUNTER)).toBeVisible();
		await check.release();
		await expect(page.getByLabel('PIN')).toBeVisible();
		// Not signed out by a tap here: the sign-in screen says why, as the phone's does.
		await expect(page.getByText(TABLET_ENDED)).toBeVisible();
		expect(await page.evaluate(() => localStorage.getItem('pos.session.cashier'))).toBeNull();
		await screenshot(page, 'qa-kept-sign-in-ran-out');
		await page.setViewportSize({ width: 820, height: 1180 });
		await screenshot(page, 'qa-kept-sign-in-ran-out-upright');

		// Signed in again and signed out by a tap: the usual words, no reason given.
		await openCounterSignedIn(page, server.url);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByText('Sign in to your shop. This tablet stays signed in until you sign out.')).toBeVisible();
		await expect(page.getByText(TABLET_ENDED)).toHaveCount(0);
	});

	test('a kept sign-in ended on another tablet: a quick answer is waited for and the counter never shows; a slow one is not', async ({
		page,
		context,
		server
	}) => {
		const token = await openCounterSignedIn(page, server.url);
		// Still within its expiry as the tablet knows it: only the server can say it has ended.
		await endOnServer(server.url, token);
		const check = await holdSessionCheck(context);
		const sawCounter = await watchFor(page, COUNTER);
		// The page's clock stands still, so its moment of waiting never runs out while the answer is held: the answer
		// comes within the wait however busy the machine is.
		await page.clock.install();
		await page.clock.pauseAt(Date.now() + 1_000);

		await page.reload();
		await expect.poll(() => check.held.length).toBe(1);
		await expect(page.getByText('Loading…')).toBeVisible();
		await check.release();
		await expect(page.getByLabel('PIN')).toBeVisible();
		expect(await sawCounter()).toBe(false);

		// Signed in again, then ended again: this time the answer is slower than the wait, and the counter shows meanwhile
		// (as on a network that hangs), until the answer signs it out.
		const again = await openCounterSignedIn(page, server.url);
		await endOnServer(server.url, again);
		const slow = await holdSessionCheck(context);
		await page.reload();
		await expect.poll(() => slow.held.length).toBe(1);
		await page.clock.runFor(5_000);
		await expect(page.locator(COUNTER)).toBeVisible();
		await slow.release();
		await expect(page.getByLabel('PIN')).toBeVisible();
	});
});

test.describe('the customer phone', () => {
	test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

	test('a kept sign-in that has run out opens on the sign-in screen saying so, and the wallet never shows', async ({ page, context, server }) => {
		const handle = uniqueHandle('ranout');
		await newCustomer(server.url, handle, 1_200);
		const token = await openCustomerSignedIn(page, server.url, handle, '4826');
		// The app is left first: open, its live stream would hear of the end at once, and sign out by itself.
		await page.goto('/api/health');
		await endOnServer(server.url, token);
		await changeKeptSession(page, 'customer', { expiresAt: aMinuteAgo() });
		const check = await holdSessionCheck(context);
		const sawWallet = await watchFor(page, WALLET);
		// The page's clock stands still, so its moment of waiting never runs out while the answer is held: the answer
		// comes within the wait however busy the machine is.
		await page.clock.install();
		await page.clock.pauseAt(Date.now() + 1_000);

		await page.goto('/customer');
		await expect.poll(() => check.held.length).toBe(1);
		await check.release();
		await expect(page.getByText(ENDED)).toBeVisible();
		expect(await sawWallet()).toBe(false);
		expect(await page.evaluate(() => localStorage.getItem('pos.session.customer'))).toBeNull();
		await screenshot(page, 'qa-kept-sign-in-ran-out');
		await page.setViewportSize(PHONE);
	});
});
