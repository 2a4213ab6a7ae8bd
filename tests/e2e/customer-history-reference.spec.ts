/**
 * The wallet history as a customer reads it to the shop: a payment's detail gives a short reference (not the payment's
 * id, a developer's value) that the cashier's search finds the payment by, even typed with 0 for O or 1 for I, and that
 * the cashier's detail of it shows too; and a payment made with a coupon says on its closed line what the coupon saved,
 * not only the amount charged.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

const SMALL_PHONE = { width: 360, height: 740 };
test.use({ viewport: SMALL_PHONE, isMobile: true, hasTouch: true });

/** The reference as the phone shows it: the id's last eight letters and digits, upper-cased. */
const referenceOf = (id: string) => id.replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase();

/** Each of O, I, L, 0 and 1 as a cashier may mistype it, hearing or reading the reference: O for 0, 1 for I and so on. */
const MISTYPED: Record<string, string> = { O: '0', I: '1', L: '1', '0': 'O', '1': 'I' };
/**
 * The most ¥1.00 payments made to find one whose reference holds an O, I, L, 0 or 1. Ids are random: a reference of
 * eight holds none about one time in three (7/8 to the 8th), so all twelve would hold none about once in 300,000 runs.
 */
const CONFUSABLE_TRIES_MAX = 12;

/** A payment of ¥1.00 whose reference holds a character a cashier may mistype: its id and reference. */
async function payWithConfusableReference(base: string, customer: string) {
	const cashier = await api.cashierSession(base);
	for (let i = 0; i < CONFUSABLE_TRIES_MAX; i++) {
		const paid = await api.pay(base, cashier.token, await api.payCode(base, customer), 100);
		expect(paid.status).toBe(201);
		const reference = referenceOf(paid.data.payment.id);
		if (/[OIL01]/.test(reference)) return { id: paid.data.payment.id, reference };
	}
	throw new Error(`no reference with an O, I, L, 0 or 1 in ${CONFUSABLE_TRIES_MAX} payments`);
}

/** Pays ¥50.00 with the customer's "¥5 off" coupon, and ¥12.00 without one. */
async function payWithAndWithoutCoupon(base: string, customer: string) {
	const cashier = await api.cashierSession(base);
	const fiveOff = (await api.coupons(base, customer)).find((c) => c.title === '¥5 off')!;
	const withCoupon = await api.pay(base, cashier.token, await api.payCode(base, customer, fiveOff.id), 5_000);
	expect(withCoupon.status).toBe(201);
	expect(withCoupon.data.payment.charged.amount).toBe(4_500);
	const plain = await api.pay(base, cashier.token, await api.payCode(base, customer), 1_200);
	expect(plain.status).toBe(201);
	return { withCoupon: withCoupon.data.payment.id as string, plain: plain.data.payment.id as string };
}

/** The line is one line high and inside the card: the saving does not wrap, nor push past the screen's edge. */
async function expectOnOneLine(page: Page, testId: string) {
	const saved = page.getByTestId(testId).first();
	const box = (await saved.boundingBox())!;
	const lineHeight = await saved.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6);
	expect(box.height).toBeLessThan(lineHeight * 1.5);
	expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('a payment’s detail gives a short reference and the shop to give it to, not the payment’s id; the cashier’s search finds it by that reference', async ({ page, server }) => {
	const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const ids = await payWithAndWithoutCoupon(server.url, alice);
	const reference = referenceOf(ids.withCoupon);

	await page.goto('/customer/history');
	const line = page.locator(`#payment-${ids.withCoupon}`);
	await line.locator('summary').click();
	const shown = line.getByTestId('history-reference');
	await expect(shown).toContainText(`Reference ${reference}`);
	await expect(shown).toContainText('Give it to Demo Café when asking about this payment.');
	await expect(page.locator('main')).not.toContainText('pay_');
	await screenshot(page, 'customer-history-reference-360');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'customer-history-reference-390');

	await switchLanguage(page);
	await expect(shown).toContainText(`参考号 ${reference}`);
	await expect(shown).toContainText('向Demo Café咨询时，请提供此参考号。');
	await expect(page.locator('main')).not.toContainText('付款单号');
	await page.setViewportSize(SMALL_PHONE);
	await screenshot(page, 'customer-history-reference-zh-360');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'customer-history-reference-zh');

	// At the counter: the reference read out, typed into "Today"'s search, finds that payment alone.
	await switchLanguage(page);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	await expect(page.locator(`tr[data-payment-id="${ids.plain}"]`)).toBeVisible();
	await page.getByRole('searchbox').fill(reference);
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-payment-id', ids.withCoupon);
});

test('a reference typed with 0 for O or 1 for I still finds the payment at the counter, whose detail and receipt give the reference as the phone shows it', async ({ page, server }) => {
	// Carol: the file's other tests paid with alice's and bob's wallets.
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const { id, reference } = await payWithConfusableReference(server.url, carol);
	const mistyped = reference.replace(/[OIL01]/g, (c) => MISTYPED[c]);
	expect(mistyped).not.toBe(reference);

	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	await expect(page.locator(`tr[data-payment-id="${id}"]`)).toBeVisible();
	await page.getByRole('searchbox').fill(mistyped);
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-payment-id', id);

	// Opened, it names the payment by the reference as the phone shows it (not as typed), and not by its id, which is
	// the line's title for whoever needs it; the receipt printed again says the same.
	await rows.first().click();
	const detail = page.locator(`#detail-${id}`);
	const shown = detail.getByTestId('payment-reference');
	await expect(shown).toHaveText(`Reference ${reference}`);
	await expect(shown).toHaveAttribute('title', id);
	await expect(detail.getByTestId('receipt-reference').locator('span')).toHaveText(['Reference', reference]);
	await expect(detail).not.toContainText('pay_');
	await screenshot(page, 'cashier-today-reference-mistyped');

	await switchLanguage(page);
	await expect(shown).toHaveText(`参考号 ${reference}`);
	await expect(detail.getByTestId('receipt-reference').locator('span')).toHaveText(['参考号', reference]);
	await page.setViewportSize(PHONE);
	await expect(rows).toHaveCount(1);
	await expect(shown).toBeVisible();
	await screenshot(page, 'cashier-today-reference-mistyped-zh-390');
});

test('a payment made with a coupon says on its closed line what the coupon saved, on one line at 360 px, in both languages', async ({ page, server }) => {
	// Bob: the file's first test used alice's "¥5 off".
	const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const ids = await payWithAndWithoutCoupon(server.url, bob);

	await page.goto('/customer/history');
	const withCoupon = page.locator(`#payment-${ids.withCoupon}`);
	await expect(withCoupon.locator('summary .amount')).toHaveText('¥45.00');
	await expect(withCoupon.getByTestId('history-saved')).toHaveText('Saved ¥5.00');
	await expect(withCoupon).not.toHaveAttribute('open');
	// Without a coupon nothing was saved, and nothing is said.
	await expect(page.locator(`#payment-${ids.plain}`).getByTestId('history-saved')).toHaveCount(0);
	await expectOnOneLine(page, 'history-saved');
	await screenshot(page, 'customer-history-saved-360');
	await page.setViewportSize(PHONE);
	await expectOnOneLine(page, 'history-saved');
	await screenshot(page, 'customer-history-saved-390');

	await switchLanguage(page);
	await expect(withCoupon.getByTestId('history-saved')).toHaveText('已省 ¥5.00');
	await page.setViewportSize(SMALL_PHONE);
	await expectOnOneLine(page, 'history-saved');
	await screenshot(page, 'customer-history-saved-zh-360');
	await page.setViewportSize(TABLET);
	await screenshot(page, 'customer-history-saved-zh');

	// Refunded in full, the sale saves nothing now: its money came back (said on the line), and so did the coupon.
	const cashier = await api.cashierSession(server.url);
	await api.refund(server.url, cashier.token, ids.withCoupon);
	await page.reload();
	await expect(withCoupon.getByTestId('history-cash-back')).toHaveText('已退款 ¥45.00');
	await expect(withCoupon.getByTestId('history-saved')).toHaveCount(0);
	// Opened, it still says what the sale was: the order, the coupon's saving, the charge.
	await withCoupon.locator('summary').click();
	await expect(withCoupon.locator('dl')).toContainText('¥50.00');
	await expect(withCoupon.locator('dl')).toContainText('¥5.00');
});
