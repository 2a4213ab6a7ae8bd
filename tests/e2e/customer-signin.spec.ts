/**
 * The customer audit's sign-in findings, on the phone:
 * - a sign-in that ran out (a customer's sign-in slides, api/auth/sessions.ts, but ends unused or at its absolute life)
 *   said "your PIN was changed, or the sign-in ran out" with the handle empty; it now says it ran out and the PIN is the
 *   same, with the handle filled in and the keyboard on the PIN. A new PIN set on another phone says that instead.
 * - other people's wrong PINs from one network (a mall's Wi-Fi) locked out a customer whose PIN is right with "Too many
 *   tries with a wrong PIN"; the server now says which limit it is (limit: address), and the phone says it is this
 *   network's. Last in the file: the lock holds the test server's one address for 15 minutes.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { holdRequests, openCustomerSignedIn, screenshot } from './support/pages';
import { pausedUntil } from './support/sign-in-lock';
import { changeKeptSession } from './support/session-check';
import { atEverySizeAndLanguage, showLanguage, type Lang } from './support/variants';

const PHONE = { width: 360, height: 740 };
const TABLET = { width: 1024, height: 768 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const RAN_OUT: Record<Lang, string> = {
	en: 'This phone’s sign-in ran out. Sign in again to pay: your PIN is the same.',
	zh: '此手机的登录已过期。请重新登录后付款，PIN 码不变。'
};
const NEW_PIN: Record<Lang, string> = {
	en: 'This phone was signed out because your PIN was changed. Sign in with the new PIN to pay.',
	zh: '此手机已退出登录，因为 PIN 码已修改。请用新 PIN 码登录后付款。'
};
const NETWORK: Record<Lang, RegExp> = {
	en: /^Too many wrong PINs were tried from this network\. Signing in is paused until (\d\d:\d\d)\.$/,
	zh: /^此网络上错误 PIN 码尝试次数过多，登录已暂停至 (\d\d:\d\d)。$/
};
const OWN_PINS: Record<Lang, RegExp> = {
	en: /^Too many tries with a wrong PIN\./,
	zh: /^PIN 码错误次数过多/
};
const HANDLE: Record<Lang, string> = { en: 'Your handle', zh: '用户名' };

/** The session of `token` runs out on the server now, as it would left unused: its row's end is moved to a moment ago. */
function runOutOnServer(dir: string, token: string, at: number): void {
	const db = new Database(join(dir, 'pos.db'));
	db.pragma('busy_timeout = 5000');
	const hash = createHash('sha256').update(token).digest('base64url');
	expect(db.prepare('update sessions set expires_at = ? where token_hash = ?').run(at, hash).changes).toBe(1);
	db.close();
}

async function expectSignInFor(page: Page, handle: string, lead: Record<Lang, string>, name: string) {
	await atEverySizeAndLanguage(page, [PHONE, TABLET], ['en', 'zh'], async (size, lang) => {
		await page.setViewportSize(size);
		await expect(page.getByText(lead[lang])).toBeVisible();
		await expect(page.getByLabel(HANDLE[lang])).toHaveValue(handle);
		await screenshot(page, `${name}-${lang}-${size.width}`);
	});
	await showLanguage(page, 'en');
	await page.setViewportSize(PHONE);
}

test('a sign-in that ran out says so and that the PIN is the same, with the handle filled in', async ({ page, server }) => {
	const handle = uniqueHandle('ranout');
	await newCustomer(server.url, handle, 1_200);
	const token = await openCustomerSignedIn(page, server.url, handle, '4826');
	// Left unused past its end: the server's row and the end the phone kept (GET /api/me told it) are both behind now.
	const end = Date.now() - 1_000;
	runOutOnServer(server.dir, token, end);
	await changeKeptSession(page, 'customer', { expiresAt: new Date(end).toISOString() });
	// The server's copy of the session ages out of its cache within SESSION_CACHE_MS.
	await expect.poll(() => api.meStatus(server.url, token), { timeout: 10_000 }).toBe(401);

	await page.reload();
	await expect(page.getByText(RAN_OUT.en)).toBeVisible();
	await expect(page.getByLabel('Your handle')).toHaveValue(handle);
	// The handle is there already: the keyboard is on the PIN.
	await expect(page.getByLabel('PIN')).toBeFocused();
	await expectSignInFor(page, handle, RAN_OUT, 'customer-signin-ran-out');

	await page.getByLabel('PIN').fill('4826');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥12.00');
	// Signed out by a tap: nothing to say, and no handle kept.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('Your balance and coupons are ready when you are.')).toBeVisible();
	await expect(page.getByLabel('Your handle')).toHaveValue('');
});

test('a new PIN set on another phone says the PIN was changed, with the handle filled in', async ({ page, server }) => {
	const handle = uniqueHandle('newpin');
	await newCustomer(server.url, handle, 0);
	await openCustomerSignedIn(page, server.url, handle, '4826');
	const other = await api.customerToken(server.url, handle, '4826');
	const changed = await fetch(`${server.url}/api/customers/me/pin`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${other}`, 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ currentPin: '4826', newPin: '739164' })
	});
	expect(changed.status).toBe(200);

	await page.reload();
	await expect(page.getByText(NEW_PIN.en)).toBeVisible();
	await expect(page.getByText(RAN_OUT.en)).toHaveCount(0);
	await expectSignInFor(page, handle, NEW_PIN, 'customer-signin-new-pin');
	await page.getByLabel('PIN').fill('739164');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥0.00');
});

test('while the server is asked, the sign-in button says so (a hanging network left it only faded for 15 s)', async ({ page }) => {
	await page.goto('/customer');
	await page.getByLabel('Your handle').fill('bob');
	await page.getByLabel('PIN').fill('2222');
	const release = await holdRequests(page, '**/api/sessions');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
	release();
	await expect(page.getByTestId('balance')).toBeVisible();
});

// Last: it locks sign-in from this machine's address for the rest of the server's life.
test("other people's wrong PINs on this network: the right PIN is refused with the network's words, not the PIN's", async ({ page, server }) => {
	await page.goto('/customer');
	// Twenty wrong PINs for other handles from the same address (a mall's Wi-Fi): the address's limit.
	for (let i = 0; i < 20; i++) {
		const res = await fetch(`${server.url}/api/sessions`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ role: 'customer', handle: `someone-${i}`, pin: '1234' })
		});
		expect(res.status).toBe(401);
	}
	await page.getByLabel('Your handle').fill('alice');
	await page.getByLabel('PIN').fill('1111');
	const until = await pausedUntil(page, () => page.getByRole('button', { name: 'Sign in' }).click());
	await expect(page.getByText(NETWORK.en)).toBeVisible();
	await expect(page.getByText(OWN_PINS.en)).toHaveCount(0);
	await atEverySizeAndLanguage(page, [PHONE, TABLET], ['en', 'zh'], async (size, lang) => {
		await page.setViewportSize(size);
		await expect(page.getByText(NETWORK[lang])).toBeVisible();
		// Until when: the server's Retry-After from the answer.
		expect(until).toContain((await page.getByText(NETWORK[lang]).textContent())!.match(/\d\d:\d\d/)![0]);
		await expect(page.getByText(OWN_PINS[lang])).toHaveCount(0);
		await screenshot(page, `customer-signin-network-${lang}-${size.width}`);
	});
});
