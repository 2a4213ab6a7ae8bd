/**
 * The phone loses its live stream while the code is on screen (a lift, a basement shop, the screen locked at the till)
 * and the cashier charges the code meanwhile. Events sent while no stream was open are not replayed: back online, the
 * phone must still show the result of the charge it missed, not go on showing a code already paid (then a new one,
 * as if nothing had happened), and no code of that screen may pay again.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';
import { codesShown, showCode } from './support/code-screen';
import { dropStreams, followStreams, muteStreams } from './support/streams';

// 12 s codes (replaced after 6 s): a phone away for a while meets its code replaced, or given up on.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '12000' } });

test.beforeEach(({ page }) => followStreams(page));

test('charged while the phone was offline: back online it says Paid with the amount, not a code still waiting', async ({ page, server }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const before = await api.balance(server.url, alice);
	const code = await showCode(page);

	await dropStreams(page);
	await expect(page.getByText('Waiting for the cashier')).toBeHidden();
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, code, 1234)).status).toBe(201);
	await page.context().setOffline(false);

	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 10_000 });
	await expect(page.getByText('¥12.34').first()).toBeVisible();
	await expect(page.getByTestId('paycode')).toHaveCount(0);
	await expect(page.getByText('New balance').locator('..')).toContainText(`¥${((before - 1234) / 100).toFixed(2)}`);
	await screenshot(page, 'qa-customer-s20-missed-result-360');
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByTestId('balance')).toHaveText(`¥${((before - 1234) / 100).toFixed(2)}`);
});

test('the stream drops and the code is replaced meanwhile: the missed charge shows, and the new code pays no more', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const codes = codesShown(page);
	const code = await showCode(page);
	const cashier = await api.cashierSession(server.url);

	// The stream drops (the network itself stays): the charge's event is lost. The read of the payments before a new
	// code fails too (a flaky network), so the phone replaces the code on time.
	const payments = (url: URL) => url.pathname.endsWith('/api/payments');
	await page.route('**/api/events/ticket', (route) => route.abort('internetdisconnected'));
	await page.route(payments, (route) => route.abort('internetdisconnected'));
	await dropStreams(page, false);
	expect((await api.pay(server.url, cashier.token, code, 500)).status).toBe(201);
	await expect(page.getByTestId('paycode')).not.toHaveAttribute('data-code', code, { timeout: 10_000 });
	await page.unroute(payments);
	await page.unroute('**/api/events/ticket');

	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('¥5.00').first()).toBeVisible();
	expect(codes.length).toBeGreaterThan(1);
	for (const c of codes) expect((await api.pay(server.url, cashier.token, c, 100)).status, `code ${c}`).toBe(402);
});

test('offline past the code’s life, the phone gives up on a new code; back online the charge it missed shows', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const code = await showCode(page);
	await dropStreams(page);
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, code, 700)).status).toBe(201);
	await expect(page.getByText('Couldn’t make a payment code.')).toBeVisible({ timeout: 20_000 });
	await page.context().setOffline(false);
	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('¥7.00').first()).toBeVisible();
	await page.locator('button.lang').click();
	await expect(page.getByRole('heading', { name: '付款成功' })).toBeVisible();
	await screenshot(page, 'qa-customer-s20-missed-result-zh-360');
});

test('the phone slept on the code screen and its stream went silent: on waking, the charge made meanwhile shows', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const code = await showCode(page);
	// Asleep: the page is hidden, and its connection still looks open but carries nothing (no error, no reconnect).
	await muteStreams(page);
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, code, 888)).status).toBe(201);
	await page.waitForTimeout(1_000);
	await expect(page.getByRole('heading', { name: 'Paid' })).toHaveCount(0);

	// Awake.
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 5_000 });
	await expect(page.getByText('¥8.88').first()).toBeVisible();
});

test('an earlier sale an offline till sends only now is not taken for this code: the code stays on screen and pays', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	// Bob paid at a till that was offline: its code was scanned a minute before the phone opened a new one.
	const earlier = await api.payCode(server.url, bob);
	const scannedAt = new Date().toISOString();
	// The phone opens its code screen a while after that scan: more than the few seconds allowed for a till's clock
	// running behind (a scan stamped just before the screen opened and sent at once is this screen's).
	await page.waitForTimeout(6_000);
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await showCode(page);

	await dropStreams(page);
	const sync = await fetch(`${server.url}/api/payments`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cashier.token}`, 'Idempotency-Key': `late-${Date.now()}` },
		body: JSON.stringify({ code: earlier, amount: { amount: 700, currency: 'CNY' }, scannedAt })
	});
	expect(sync.status).toBe(201);
	const readBack = page.waitForResponse((res) => res.url().includes('/api/payments?') && res.request().method() === 'GET');
	await page.context().setOffline(false);

	// Back online, the phone reads its payments: the late sale is not this screen's.
	await readBack;
	await expect(page.getByRole('heading', { name: 'Paid' })).toBeHidden();
	await expect(page.getByText('Waiting for the cashier')).toBeVisible({ timeout: 10_000 });
	const onScreen = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	expect((await api.pay(server.url, cashier.token, onScreen, 300)).status).toBe(201);
	await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 10_000 });
	await expect(page.getByText('¥3.00').first()).toBeVisible();
});
