/**
 * A customer in a shop with bad reception, phone in hand. The balance and coupons were kept on the phone for reading
 * offline, but the wallet history was not: offline it said "Could not reach the server" instead of the payments the
 * customer came to check. Now the history is kept too, per customer, and shown offline with the time it dates from;
 * back online it is read again by itself. A shared phone: signing out forgets it, and the next customer never sees
 * the last one's.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { controlledByWorker, openCustomerSignedIn, screenshot, signInCustomer } from './support/pages';

/** en-GB's date and time, as the screens write them ("3 Dec 2026, 14:32"). */
const AS_OF = /as of \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/;
const AS_OF_ZH = /截至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/;

/** A phone whose service worker runs: it is what opens the app, and reloads it, with no network. */
async function phone(browser: Browser, baseURL: string): Promise<{ ctx: BrowserContext; page: Page }> {
	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL, ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' });
	return { ctx, page: await ctx.newPage() };
}

async function payAtTheCafe(base: string, customerToken: string, amount: number): Promise<void> {
	const cashier = await api.cashierSession(base);
	const { status } = await api.pay(base, cashier.token, await api.payCode(base, customerToken), amount);
	expect(status).toBe(201);
}

const cafeLines = (page: Page) => page.getByRole('listitem').filter({ hasText: 'Demo Café' });

async function openHistory(page: Page, name = 'Wallet history'): Promise<void> {
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Back from the history to the wallet, there before the next step (a reload right after the tap reloaded the history). */
async function backToWallet(page: Page, name = 'Back'): Promise<void> {
	await page.getByRole('link', { name }).click();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(page.getByTestId('balance')).toContainText('¥');
}

test('offline, the wallet and its history show what the phone last had, dated; back online, the newest replaces it', async ({ browser, server }) => {
	const { ctx, page } = await phone(browser, server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await payAtTheCafe(server.url, bob, 1250);
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await controlledByWorker(page);
	await expect(page.getByTestId('balance')).toContainText('¥');
	const balance = (await page.getByTestId('balance').textContent())!;
	await openHistory(page);
	await expect(cafeLines(page).first()).toContainText('¥12.50');
	await backToWallet(page);
	await expect(page.getByTestId('balance')).toHaveText(balance);

	await ctx.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('customer-offline')).toContainText(AS_OF);
	await expect(page.getByTestId('balance')).toHaveText(balance);
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toBeVisible();
	await screenshot(page, 'qa-customer-wallet-offline-home');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-customer-wallet-offline-home');
	await page.setViewportSize(PHONE);
	// Nothing is pretended: no code is made without the network.
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByTestId('customer-offline')).toContainText('Couldn’t make a payment code.');
	await expect(page.getByTestId('paycode')).toHaveCount(0);

	await openHistory(page);
	await expect(page.getByTestId('history-offline')).toContainText(AS_OF);
	await expect(page.getByTestId('history-offline')).toContainText('You are offline. Your wallet history as of');
	await expect(cafeLines(page).first()).toContainText('¥12.50');
	await expect(page.getByText('Could not reach the server')).toHaveCount(0);
	await expect(page.getByText('Loading…')).toHaveCount(0);
	await screenshot(page, 'qa-customer-wallet-offline-history');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-customer-wallet-offline-history');
	await page.setViewportSize(PHONE);

	// A reload on the history screen itself, still offline: the same lines, the same mark.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
	await expect(page.getByTestId('history-offline')).toContainText(AS_OF);
	await expect(cafeLines(page).first()).toContainText('¥12.50');

	// Bob pays at another till meanwhile; the phone cannot know until it is back online.
	await payAtTheCafe(server.url, bob, 777);
	await ctx.setOffline(false);
	await expect(cafeLines(page).first()).toContainText('¥7.77');
	await expect(page.getByTestId('history-offline')).toBeHidden();
	await expect(cafeLines(page).nth(1)).toContainText('¥12.50');
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page.getByTestId('balance')).toHaveText(`¥${((await api.balance(server.url, bob)) / 100).toFixed(2)}`);
	await expect(page.getByTestId('customer-offline')).toBeHidden();
	await ctx.close();
});

test('the history opens offline even when it was not opened before the network went (kept by the wallet screen)', async ({ browser, server }) => {
	const { ctx, page } = await phone(browser, server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	await payAtTheCafe(server.url, carol, 246);
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await controlledByWorker(page);
	// The wallet screen reads the history's newest page in the background once it has read the balance.
	await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('pos.customer-history.')))).toBe(true);

	await ctx.setOffline(true);
	await openHistory(page);
	await expect(page.getByTestId('history-offline')).toContainText(AS_OF);
	await expect(cafeLines(page).first()).toContainText('¥2.46');
	await ctx.close();
});

test('in Chinese: the wallet and history offline say 截至 and the time', async ({ browser, server }) => {
	const { ctx, page } = await phone(browser, server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	await payAtTheCafe(server.url, alice, 1500);
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await controlledByWorker(page);
	await openHistory(page, '钱包明细');
	await expect(cafeLines(page).first()).toContainText('¥15.00');
	await backToWallet(page, '返回');

	await ctx.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('customer-offline')).toContainText(AS_OF_ZH);
	await screenshot(page, 'qa-customer-wallet-offline-home-zh');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-customer-wallet-offline-home-zh');
	await page.setViewportSize(PHONE);
	await openHistory(page, '钱包明细');
	await expect(page.getByTestId('history-offline')).toContainText('您已离线。以下是截至');
	await expect(page.getByTestId('history-offline')).toContainText(AS_OF_ZH);
	await expect(cafeLines(page).first()).toContainText('¥15.00');
	await screenshot(page, 'qa-customer-wallet-offline-history-zh');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'qa-customer-wallet-offline-history-zh');
	await ctx.close();
});

test('a shared phone: after one customer signs out (even offline), the next never sees their history, online or off', async ({ browser, server }) => {
	const { ctx, page } = await phone(browser, server.url);
	const keptKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pos.customer-')));
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await payAtTheCafe(server.url, alice, 4321);
	await payAtTheCafe(server.url, bob, 1234);

	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await controlledByWorker(page);
	await openHistory(page);
	await expect(cafeLines(page).first()).toContainText('¥43.21');
	await backToWallet(page);
	// Alice signs out with no network: what was kept of hers goes all the same.
	await ctx.setOffline(true);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	expect(await keptKeys()).toEqual([]);

	await ctx.setOffline(false);
	await signInCustomer(page, 'bob', '2222');
	await openHistory(page);
	await expect(cafeLines(page).first()).toContainText('¥12.34');
	await expect(page.getByText('¥43.21')).toHaveCount(0);
	await backToWallet(page);

	await ctx.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('customer-offline')).toContainText(AS_OF);
	await openHistory(page);
	await expect(page.getByTestId('history-offline')).toContainText(AS_OF);
	await expect(cafeLines(page).first()).toContainText('¥12.34');
	await expect(page.getByText('¥43.21')).toHaveCount(0);
	// Only Bob's data is on the phone (the refunds the phone has told him of too: qa-customer-missed-refund.spec.ts).
	const bobId = await page.evaluate(() => (JSON.parse(localStorage.getItem('pos.session.customer') ?? '{}') as { session?: { customerId?: string } }).session?.customerId);
	expect((await keptKeys()).sort()).toEqual([`pos.customer-history.${bobId}`, `pos.customer-refunds-seen.${bobId}`, `pos.customer-snapshot.${bobId}`]);

	// Bob signs out online too: nothing of anyone's is left.
	await ctx.setOffline(false);
	await backToWallet(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	expect(await keptKeys()).toEqual([]);
	await ctx.close();
});

async function changePin(base: string, token: string, currentPin: string, newPin: string): Promise<void> {
	const res = await fetch(`${base}/api/customers/me/pin`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ currentPin, newPin })
	});
	expect(res.status).toBe(200);
}

test('signed out by the server (the PIN changed on another phone), the phone forgets what it kept of the customer', async ({ browser, server }) => {
	const { ctx, page } = await phone(browser, server.url);
	const elsewhere = await api.customerToken(server.url, 'carol', '3333');
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pos.customer-')));
	await expect.poll(async () => (await kept()).some((k) => k.startsWith('pos.customer-snapshot.'))).toBe(true);

	await changePin(server.url, elsewhere, '3333', '4545');
	try {
		await page.reload();
		await expect(page.getByLabel('Your handle')).toBeVisible();
		await expect.poll(kept).toEqual([]);
	} finally {
		await changePin(server.url, elsewhere, '4545', '3333');
	}
	await ctx.close();
});
