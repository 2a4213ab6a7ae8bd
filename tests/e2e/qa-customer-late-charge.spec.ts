/**
 * A charge to the wallet that no result screen of the phone showed. A code put away may still be charged for two
 * minutes after its scan (the server's counter sale), and the phone listens for that only on its home screen: a
 * customer who went to the wallet history meanwhile saw the line, with no word. A sale rung on an offline till is sent
 * when the till is back online, up to a day later: the balance dropped with no word at all, and a customer opening the
 * wallet the next morning did not know why. Now such a charge is told on whichever screen is open (the wallet or its
 * history, never over a code on screen), and on opening the wallet, each once on this phone.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { firstSightTaken, liveStreamOpens, newsComparedAt, openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const yuan = (minor: number) => `¥${(minor / 100).toFixed(2)}`;
const ROUGHLY_NOW = /Rung up at \d{2}:\d{2}\./;
const RUNG_OFFLINE = /Rung up at \d{2}:\d{2}, sent when the shop’s till was back online\./;

/** The till's request for a sale of `code` scanned at `scannedAt` (the server's clock, as the till stamps it). */
async function sendSale(base: string, cashierToken: string, code: string, amount: number, scannedAt: Date) {
	const res = await fetch(`${base}/api/payments`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashierToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ code, amount: { amount, currency: 'CNY' }, scannedAt: scannedAt.toISOString() })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { payment: { id: string; charged: api.Money } }).payment;
}

/**
 * A sale an offline till rang three minutes ago, past the phone's two minutes, and sends only now that it is back
 * online, of a code of the customer's made by their other phone. (Made now: the server takes a scan stamped a few
 * minutes before its code was made, as a till's clock may run early; the sale reaches the wallet as a day-old one
 * would, three minutes after its scan, and no test waits out the phone's window.)
 */
async function sendLateSale(base: string, cashierToken: string, customer: string, amount: number, couponId?: string) {
	const code = await api.payCode(base, customer, couponId);
	return sendSale(base, cashierToken, code, amount, new Date(Date.now() - 3 * 60_000));
}

test('a code put away and charged while the customer reads the wallet history: the history says so, once', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await firstSightTaken(page);
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const code = (await ticket.getAttribute('data-code'))!;
	const scannedAt = new Date();
	await page.getByRole('button', { name: 'Close' }).click();
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();

	// The till's sale, sent at the scan, reaches the server after the code was put away: it pays, judged at its scan.
	await sendSale(server.url, cashier.token, code, 2000, scannedAt);
	const notice = page.getByTestId('charge-notice');
	await expect(notice).toContainText('Paid ¥20.00 at Demo Café');
	await expect(notice).toContainText(ROUGHLY_NOW);
	await expect(notice).not.toContainText('back online');
	// On the history itself, no link to it.
	await expect(notice.getByRole('link')).toHaveCount(0);
	await screenshot(page, 'qa-customer-late-charge-history');

	await notice.getByRole('button', { name: 'Close' }).click();
	await expect(notice).toHaveCount(0);
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, alice)));
	await expect(page.getByTestId('charge-notice')).toHaveCount(0);
	// Told once: the reloaded wallet reads the history again and says nothing of it.
	const comparedAt = await newsComparedAt(page);
	await page.reload();
	await expect.poll(() => newsComparedAt(page)).not.toBe(comparedAt);
	await expect(page.getByTestId('charge-notice')).toHaveCount(0);
});

test('a sale an offline till sends after the phone’s two minutes, while the wallet is open: told with when it was rung, never over a code on screen', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const live = liveStreamOpens(page);
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await firstSightTaken(page);
	await live; // the sale is told by its event: sent before the stream opened, it would be told on the next read only
	const notice = page.getByTestId('charge-notice');

	await sendLateSale(server.url, cashier.token, bob, 1250);
	await expect(notice).toContainText('Paid ¥12.50 at Demo Café');
	await expect(notice).toContainText(RUNG_OFFLINE);
	await expect(page.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, bob)));
	await screenshot(page, 'qa-customer-late-charge-open');
	await switchLanguage(page);
	await expect(notice).toContainText('付款成功：在 Demo Café 实付 ¥12.50');
	await expect(notice).toContainText('商户收银台恢复联网后才发送');
	await screenshot(page, 'qa-customer-late-charge-open-zh');
	await switchLanguage(page);
	await notice.getByRole('button', { name: 'Close' }).click();
	await expect(notice).toHaveCount(0);

	// An older code of Bob's, scanned offline before the phone showed this one, is sent while this one is on screen.
	const older = await api.payCode(server.url, bob);
	const scannedAt = new Date(Date.now() - 3 * 60_000);
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const onScreen = (await ticket.getAttribute('data-code'))!;
	const walletRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/wallet');
	await sendSale(server.url, cashier.token, older, 800, scannedAt);
	await walletRead;
	// The code stays, for the cashier about to scan it: the charge waits for the wallet.
	await expect(ticket).toHaveAttribute('data-code', onScreen);
	await expect(notice).toHaveCount(0);
	await page.getByRole('button', { name: 'Close' }).click();
	await expect(notice).toContainText('Paid ¥8.00 at Demo Café');
	await expect(notice).toContainText(RUNG_OFFLINE);
	await expect(notice).not.toContainText('¥12.50');
});

test('sales an offline till sent while the phone was closed are told on opening the wallet, with a link to the history, once', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await firstSightTaken(page);
	await page.goto('about:blank');

	const coupon = (await api.coupons(server.url, alice)).find((c) => c.title === '¥5 off' && c.state === 'available')!;
	await sendLateSale(server.url, cashier.token, alice, 3000, coupon.id);
	await page.goto('/customer');
	const notice = page.getByTestId('charge-notice');
	await expect(notice).toContainText('Paid ¥25.00 at Demo Café');
	await expect(notice).toContainText('Order ¥30.00, coupon saving ¥5.00.');
	await expect(notice).toContainText(RUNG_OFFLINE);
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') {
			await switchLanguage(page);
			await expect(notice).toContainText('订单金额 ¥30.00，优惠 ¥5.00。');
		}
		for (const size of [{ width: 360, height: 740 }, PHONE, TABLET]) {
			await page.setViewportSize(size);
			// Nothing runs past the screen's edge.
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
			await screenshot(page, `qa-customer-late-charge-closed-${lang}-${size.width}`);
		}
	}
	await switchLanguage(page);
	await page.setViewportSize(PHONE);

	// Going to read it in the history: told, so the history does not say it again.
	await notice.getByRole('link', { name: 'See in history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
	await expect(page.getByText('¥25.00').first()).toBeVisible();
	await expect(page.getByTestId('charge-notice')).toHaveCount(0);
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page.getByTestId('balance')).toHaveText(yuan(await api.balance(server.url, alice)));
	await expect(page.getByTestId('charge-notice')).toHaveCount(0);
	const comparedAt = await newsComparedAt(page);
	await page.reload();
	await expect.poll(() => newsComparedAt(page)).not.toBe(comparedAt);
	await expect(page.getByTestId('charge-notice')).toHaveCount(0);
});

test('a payment the phone showed as "Paid" is not told again on the wallet after Done', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await firstSightTaken(page);
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const comparedAt = await newsComparedAt(page);
	await api.pay(server.url, cashier.token, (await ticket.getAttribute('data-code'))!, 700);
	const result = page.getByTestId('customer-result');
	await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
	// The phone has compared the payment with what it had told (the wallet's read after the payment).
	await expect.poll(() => newsComparedAt(page)).not.toBe(comparedAt);
	await result.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
	await expect(page.getByTestId('charge-notice')).toHaveCount(0);
});
