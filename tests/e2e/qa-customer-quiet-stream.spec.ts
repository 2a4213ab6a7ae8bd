/**
 * The phone held at the till must hear "Paid" when the cashier charges its code, and must never swap a charged code for
 * a fresh one as if nothing had happened (the customer would ask for a second scan):
 * - its live stream can die without an error (a weak network drops the connection silently): the server says `ping`
 *   every heartbeat, and a stream that says nothing for a few is replaced, and what it missed read back;
 * - before each new code the phone reads its payments back, so a charge the stream did not bring shows instead;
 * - a code scanned, then changed, may be charged up to two minutes later (the server takes it at its scan's time):
 *   the phone still says so.
 * The cashier's Today listens on the same stream, and is held to the same watchdog.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';
import { codesShown, showCode } from './support/code-screen';
import { followStreams, muteStreams } from './support/streams';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test.beforeEach(({ page }) => followStreams(page));

test.describe('a heartbeat each second', () => {
	// The watchdog gives a stream up after 2.5 heartbeats without a word: 2.5 s here, 37.5 s at the default 15 s.
	test.use({ serverEnv: { EVENTS_HEARTBEAT_MS: '1000' } });

	test('the stream goes quiet without an error, then the code is charged: the phone says Paid within the watchdog’s time', async ({ page, server }) => {
		await openCustomerSignedIn(page, server.url, 'alice', '1111');
		const codes = codesShown(page);
		const code = await showCode(page);
		await muteStreams(page);
		const cashier = await api.cashierSession(server.url);
		expect((await api.pay(server.url, cashier.token, code, 1234)).status).toBe(201);

		// 2.5 s of silence, a second's wait, a new ticket and stream, and the payments read back.
		await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 8_000 });
		await expect(page.getByText('¥12.34').first()).toBeVisible();
		await expect(page.getByTestId('paycode')).toHaveCount(0);
		expect(codes).toEqual([code]);
		await screenshot(page, 'qa-customer-quiet-stream-paid-360');
		await switchLanguage(page);
		await expect(page.getByRole('heading', { name: '付款成功' })).toBeVisible();
		await screenshot(page, 'qa-customer-quiet-stream-paid-zh-360');
	});

	test('a code scanned, then closed, and charged while the stream is quiet: on the home screen the phone reads it back and says Paid', async ({ page, server }) => {
		await openCustomerSignedIn(page, server.url, 'bob', '2222');
		const code = await showCode(page);
		const scannedAt = new Date().toISOString();
		await page.getByRole('button', { name: 'Close' }).click();
		await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
		await muteStreams(page);
		const cashier = await api.cashierSession(server.url);
		const sale = await fetch(`${server.url}/api/payments`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cashier.token}`, 'Idempotency-Key': `closed-${Date.now()}` },
			body: JSON.stringify({ code, amount: { amount: 650, currency: 'CNY' }, scannedAt })
		});
		expect(sale.status).toBe(201);

		await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 8_000 });
		await expect(page.getByText('¥6.50').first()).toBeVisible();
	});
});

test.describe('12 s codes (replaced after 6 s), the default heartbeat', () => {
	test.use({ serverEnv: { PAYCODE_TTL_MS: '12000' } });

	test('the stream went quiet and the code was charged: at the moment of a new code the charge shows instead, and no new code comes', async ({ page, server }) => {
		await openCustomerSignedIn(page, server.url, 'bob', '2222');
		const codes = codesShown(page);
		const code = await showCode(page);
		await muteStreams(page);
		const cashier = await api.cashierSession(server.url);
		expect((await api.pay(server.url, cashier.token, code, 500)).status).toBe(201);

		// Long before the stream's silence is noticed (37.5 s), the 6 s replacement reads the payments first.
		await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 10_000 });
		await expect(page.getByText('¥5.00').first()).toBeVisible();
		expect(codes).toEqual([code]);
	});
});

test.describe('the default heartbeat and codes', () => {
	test('a code scanned, then changed for another, and charged 40 s later: the phone says Paid, and the new code goes', async ({ page, server }) => {
		test.setTimeout(120_000);
		await openCustomerSignedIn(page, server.url, 'carol', '3333');
		const first = await showCode(page);
		// The cashier scans it, then keys a long order; meanwhile the customer changes the code for another.
		const scannedAt = new Date().toISOString();
		await page.getByRole('button', { name: 'Change' }).click();
		await expect(page.getByTestId('paycode')).toHaveCount(0);
		const second = await showCode(page);
		expect(second).not.toBe(first);

		await page.waitForTimeout(40_000);
		const cashier = await api.cashierSession(server.url);
		const sale = await fetch(`${server.url}/api/payments`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cashier.token}`, 'Idempotency-Key': `late-${Date.now()}` },
			body: JSON.stringify({ code: first, amount: { amount: 800, currency: 'CNY' }, scannedAt })
		});
		expect(sale.status).toBe(201);

		await expect(page.getByRole('heading', { name: 'Paid' })).toBeVisible({ timeout: 10_000 });
		await expect(page.getByText('¥8.00').first()).toBeVisible();
		await expect(page.getByTestId('paycode')).toHaveCount(0);
		await screenshot(page, 'qa-customer-late-charge-paid-360');
		// The code that was on screen went with the result: it pays no more.
		expect((await api.pay(server.url, cashier.token, second, 100)).status).toBe(402);
	});
});

test.describe('Today on the tablet, a heartbeat each second', () => {
	test.use({ serverEnv: { EVENTS_HEARTBEAT_MS: '1000' }, viewport: TABLET, isMobile: false, hasTouch: false });

	test('Today’s stream goes quiet without an error, then a sale is made: the list has it within the watchdog’s time', async ({ page, server }) => {
		const who = uniqueHandle('quiet');
		const customer = await newCustomer(server.url, who, 50_000);
		await openCounterSignedIn(page, server.url);
		const listed = page.waitForResponse((res) => res.url().includes('/api/payments?') && res.request().method() === 'GET');
		const streamOpened = page.waitForRequest((req) => req.url().includes('/api/events?ticket='));
		await page.getByRole('link', { name: 'Today', exact: true }).click();
		await Promise.all([listed, streamOpened]);
		await muteStreams(page);
		const cashier = await api.cashierSession(server.url);
		expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, customer), 4321)).status).toBe(201);

		await expect(page.getByRole('row', { name: new RegExp(who) })).toBeVisible({ timeout: 8_000 });
	});
});
