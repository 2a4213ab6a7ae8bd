/**
 * The customer's code screen from the phone's side, as a user review found it: a closed code stops
 * paying, the phone catches up after the network returns, the countdown reaches 0 when the code is
 * replaced, and money added after "balance too low" says so and lets the order be paid.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { topUp } from './support/customers';
import { controlledByWorker, openCustomerSignedIn, screenshot, signInCustomer } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const yuan = (minor: number) => `¥${(minor / 100).toFixed(2)}`;

async function couponState(base: string, token: string, title: string): Promise<string> {
	return (await api.coupons(base, token)).find((c) => c.title === title)!.state;
}

async function showCodeWith(page: Page, coupon: RegExp | null): Promise<string> {
	if (coupon) await page.getByRole('radio', { name: coupon }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

test('closing the code stops it: the cashier cannot charge it, and its coupon is free again', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'alice', '1111');
	const code = await showCodeWith(page, /^¥5 off/);
	expect(await couponState(server.url, alice, '¥5 off')).toBe('reserved');

	await page.getByRole('button', { name: 'Close' }).click();
	await expect(page.getByTestId('balance')).toBeVisible();
	await expect.poll(() => couponState(server.url, alice, '¥5 off'), { timeout: 5_000 }).toBe('available');

	const charge = await api.pay(server.url, cashier.token, code, 2000);
	expect(charge.status).toBe(402);
	expect(await api.balance(server.url, alice)).toBe(50000);
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toBeEnabled();
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
});

test("the phone's Back on the code screen closes the code and stays in the app; the code is put away", async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'alice', '1111');
	const code = await showCodeWith(page, /^¥5 off/);
	await page.goBack();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(page.getByTestId('balance')).toBeVisible();
	await expect(page.getByTestId('paycode')).toBeHidden();
	await expect.poll(() => couponState(server.url, alice, '¥5 off'), { timeout: 5_000 }).toBe('available');
	expect((await api.pay(server.url, cashier.token, code, 2000)).status).toBe(402);

	// Closed on screen, the code leaves no step behind: Back then leaves the page as it would have before.
	await showCodeWith(page, null);
	await page.getByRole('button', { name: 'Close' }).click();
	await expect(page.getByTestId('balance')).toBeVisible();
	await showCodeWith(page, null);
	await page.goBack();
	await expect(page.getByTestId('paycode')).toBeHidden();
	await expect(page).toHaveURL(/\/customer$/);
});

test('reloading on the code screen puts that code away: it no longer pays and its coupon is free at once', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'alice', '1111');
	const code = await showCodeWith(page, /^¥5 off/);
	await page.reload();
	await expect(page.getByTestId('balance')).toBeVisible();
	// Well inside the code's minute: put away by the reloaded page, not expired.
	await expect.poll(() => couponState(server.url, alice, '¥5 off'), { timeout: 5_000 }).toBe('available');
	expect((await api.pay(server.url, cashier.token, code, 2000)).status).toBe(402);
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toBeEnabled();
});

test('signing out with a code on screen puts it away before the sign-in ends', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'carol', '3333');
	const code = await showCodeWith(page, /^¥5 off/);
	// With a code on screen, Sign out asks first (qa-customer-signout-code.spec.ts): confirmed here.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.getByRole('dialog', { name: 'Sign out?' }).getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	const charge = await api.pay(server.url, cashier.token, code, 500);
	expect(charge.status).toBe(402);
	expect((charge.data.payment as { reason?: string }).reason).toBe('CODE_EXPIRED');
	expect(await couponState(server.url, carol, '¥5 off')).toBe('available');
});

test('changing the coupon puts the old code away; the new code carries only the new coupon', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'bob', '2222');
	const old = await showCodeWith(page, /^¥5 off/);

	await page.getByRole('button', { name: 'Change' }).click();
	await expect.poll(() => couponState(server.url, bob, '¥5 off'), { timeout: 5_000 }).toBe('available');
	const fresh = await showCodeWith(page, /^15% off, at most ¥20/);
	expect(fresh).not.toBe(old);
	expect(await couponState(server.url, bob, '¥5 off')).toBe('available');

	expect((await api.pay(server.url, cashier.token, old, 2000)).status).toBe(402);
	const paid = await api.pay(server.url, cashier.token, fresh, 2000);
	expect(paid.status).toBe(201);
	expect(paid.data.payment.charged.amount).toBe(1700);
	await expect(page.getByTestId('customer-result')).toContainText('¥17.00');
});

test('a code that arrives after Close was tapped is put away too', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	await signInCustomer(page, 'carol', '3333');
	// The code request is held back until Close has been tapped (a slow network).
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/api/paycodes', async (route) => {
		await held;
		await route.continue();
	});
	await page.getByRole('radio', { name: /^¥5 off/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByText('Making your code…')).toBeVisible();
	await page.getByRole('button', { name: 'Close' }).click();
	const issued = page.waitForResponse((r) => r.url().endsWith('/api/paycodes') && r.request().method() === 'POST');
	release();
	expect((await issued).status()).toBe(201);
	await expect.poll(() => couponState(server.url, carol, '¥5 off'), { timeout: 5_000 }).toBe('available');
});

test('a payment made while the code screen is closed still updates the balance and coupons', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	await signInCustomer(page, 'alice', '1111');
	const before = await api.balance(server.url, alice);
	await expect(page.getByTestId('balance')).toHaveText(yuan(before));
	// Wait for the live stream to be open, as a phone that has been on this screen a while.
	await showCodeWith(page, null);
	await expect(page.getByText('Waiting for the cashier')).toBeVisible();
	await page.getByRole('button', { name: 'Close' }).click();

	// The same customer pays with a code from another device, with a coupon.
	const threshold = (await api.coupons(server.url, alice)).find((c) => c.title === '¥10 off orders of ¥50 or more')!;
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice, threshold.id), 6000);
	expect(paid.status).toBe(201);
	await expect(page.getByTestId('balance')).toHaveText(yuan(before - 5000));
	await expect(page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ })).toHaveAccessibleName(/Already used/);
});

test('back online, the phone reloads the balance and drops the stale "couldn\'t make a code" banner', async ({ page, context, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	await signInCustomer(page, 'alice', '1111');
	await expect(page.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, alice)));
	await context.setOffline(true);
	// The phone notices at once, before the customer asks for a code: the balance shown is dated.
	await expect(page.getByTestId('customer-offline')).toContainText('You are offline');
	await page.getByRole('button', { name: 'Show payment code' }).click();
	// One banner says why there is no code: it names the failure and the offline state together.
	await expect(page.getByTestId('customer-offline')).toContainText('Couldn’t make a payment code.');
	await expect(page.getByText('Couldn’t make a payment code.')).toHaveCount(1);
	await screenshot(page, 'customer-offline-mid-session');

	await topUp(server.url, alice, 1234); // from another device: the phone does not see it happen
	await context.setOffline(false);
	await expect(page.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, alice)), { timeout: 10_000 });
	await expect(page.getByText('Couldn’t make a payment code.')).toBeHidden();
	await expect(page.getByTestId('customer-offline')).toBeHidden();
	await screenshot(page, 'customer-back-online');
});

test('opened offline, then the network returns: "You are offline" goes and the balance is current', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' });
	const phone = await ctx.newPage();
	await signInCustomer(phone, 'bob', '2222');
	await controlledByWorker(phone);
	await ctx.setOffline(true);
	await phone.goto('/customer');
	await expect(phone.getByTestId('customer-offline')).toContainText('You are offline');

	const bob = await api.customerToken(server.url, 'bob', '2222');
	await topUp(server.url, bob, 700); // from another device
	await ctx.setOffline(false);
	await expect(phone.getByTestId('customer-offline')).toBeHidden({ timeout: 10_000 });
	await expect(phone.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, bob)));
	await ctx.close();
});

test('the countdown counts to when the code is replaced, reaching 0 then, not to its expiry', async ({ page, server }) => {
	await page.clock.install();
	await signInCustomer(page, 'bob', '2222');
	// The page's time stands still from here but for runFor: the seconds on screen are exact.
	await page.clock.pauseAt(Date.now() + 1_000);
	const first = await showCodeWith(page, null);
	// A 60 s code is replaced 10 s before it expires: the customer sees it for 50 s.
	await expect(page.getByText(/New code in \d+ s/)).toHaveText('New code in 50 s');
	await page.clock.runFor(45_000);
	await expect(page.getByText(/New code in \d+ s/)).toHaveText('New code in 5 s');
	await page.clock.runFor(4_500);
	await expect(page.getByText(/New code in \d+ s/)).toHaveText(/New code in [01] s/);
	await screenshot(page, 'customer-code-countdown');
	await page.clock.runFor(1_000);
	await expect(page.getByTestId('paycode')).not.toHaveAttribute('data-code', first);
	await expect(page.getByText(/New code in \d+ s/)).toHaveText(/New code in (50|49) s/);
	void server;
});

test('money added after "balance too low" is confirmed, and the screen offers a new code instead', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const before = await api.balance(server.url, carol);
	const order = 5000;
	await signInCustomer(page, 'carol', '3333');
	const code = await showCodeWith(page, null);
	expect((await api.pay(server.url, cashier.token, code, before + order)).status).toBe(402);
	const result = page.getByTestId('customer-result');
	await expect(result).toContainText('Balance too low for this amount.');

	await result.getByRole('button', { name: 'Add money' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByText('¥500', { exact: true }).click();
	await dialog.getByRole('button', { name: 'Add ¥500.00' }).click();
	await expect(dialog).toBeHidden();

	await expect(result).toContainText(`Added ¥500.00. Balance ${yuan(before + 50000)}.`);
	await expect(result).not.toContainText('Balance too low');
	await expect(result).not.toContainText('Payment declined');
	await screenshot(page, 'customer-topped-up');
	await result.getByRole('button', { name: 'Show a new code' }).click();
	const fresh = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, fresh, before + order)).status).toBe(201);
	await expect(page.getByTestId('customer-result')).toContainText('Paid');
});

test('money added from the home screen is confirmed there', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await signInCustomer(page, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await page.getByRole('button', { name: 'Add money' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByRole('button', { name: 'Add ¥100.00' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('status').filter({ hasText: 'Added ¥100.00.' })).toContainText(`Balance ${yuan(before + 10000)}.`);
	await expect(page.getByTestId('balance')).toHaveText(yuan(before + 10000));
	await screenshot(page, 'customer-home-topped-up');

	// The wallet's history lists it where it happened: above a payment made before it, below one made after.
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1234)).status).toBe(201);
	await page.getByRole('link', { name: 'Wallet history' }).click();
	const rows = page.getByRole('list').first().getByRole('listitem');
	await expect(rows.nth(0)).toContainText('¥12.34');
	await expect(rows.nth(1)).toContainText('Money added');
	await expect(rows.nth(1)).toContainText('+¥100.00');
	await screenshot(page, 'customer-history-topup');
});

test('a code made in another tab puts this tab’s code away (the server retired it), with a note saying why', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const first = await showCodeWith(page, null);
	// The same phone, a second tab of the app (signed in through the same storage).
	const other = await page.context().newPage();
	await other.goto('/customer');
	await expect(other.getByTestId('balance')).toContainText('¥');
	const second = await showCodeWith(other, null);
	expect(second).not.toBe(first);

	// The first tab stops showing a code that no longer pays, and says why.
	await expect(page.getByTestId('paycode')).toBeHidden();
	await expect(page.getByTestId('code-moved')).toContainText('You made a new payment code in another tab, so the one here was put away.');
	await expect(page.getByTestId('balance')).toBeVisible();
	await screenshot(page, 'customer-code-moved-to-other-tab');
	// The second tab's code stays, and it is the one that pays.
	await expect(other.getByTestId('paycode')).toHaveAttribute('data-code', second);
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, second, 1000)).status).toBe(201);
	await expect(other.getByTestId('customer-result')).toContainText('Paid');
	await other.close();
});

test('a late sale of a code from before this screen opened leaves the code on screen, which still pays and shows its own result', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	// An older code of bob's, scanned at a till that is offline; the phone then shows a new one (the older retires).
	const older = await api.payCode(server.url, bob);
	const scannedAt = new Date().toISOString();
	// The customer opens the code screen a while after that scan: more than the few seconds allowed for a till's
	// clock running behind (a scan stamped just before the screen opened and sent at once is this screen's).
	await page.waitForTimeout(6_000);
	await signInCustomer(page, 'bob', '2222');
	const onScreen = await showCodeWith(page, null);
	expect(onScreen).not.toBe(older);
	await expect(page.getByText('Waiting for the cashier')).toBeVisible();

	// The till comes back and syncs its scan, made before this screen opened: it is not this code's result (taken
	// for it, "Paid ¥30.00" replaced the code the customer was showing at another counter, and put that code away).
	// Its event is followed by a read of the wallet: by then the phone has judged it.
	const walletRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/wallet' && r.request().method() === 'GET');
	const synced = await fetch(`${server.url}/api/payments/batch`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ terminalId: `till-${randomUUID()}`, items: [{ idempotencyKey: randomUUID(), sequence: 1, code: older, amount: { amount: 3000, currency: 'CNY' }, scannedAt }] })
	});
	expect(((await synced.json()) as { results: { status: string }[] }).results[0]!.status).toBe('succeeded');
	await walletRead;
	await expect(page.getByTestId('customer-result')).toBeHidden();
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', onScreen);
	await screenshot(page, 'customer-code-late-older-sale-code-stays');

	// The code on screen pays at the other counter, and its own result is the one shown.
	const books = await api.cashierSession(server.url, 'demo-books', 'cashier-1', '4321');
	expect((await api.pay(server.url, books.token, onScreen, 450)).status).toBe(201);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	await expect(result).toContainText('at Demo Books');
	await expect(result.locator('.big')).toHaveText('¥4.50');
});
