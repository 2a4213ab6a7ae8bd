/**
 * A refund is a line of its own in the customer's wallet history, on the day and at the time it was made, with
 * the shop, the money back and the payment it refunds; the payment keeps its own line and says it was refunded.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { newCustomer, uniqueHandle } from './support/customers';
import { expectAccessible, firstSightTaken, liveStreamOpens, openCounterSignedIn, openCustomerSignedIn, screenshot } from './support/pages';

const PHONE_WIDTHS = [
	{ width: 360, height: 740 },
	{ width: 390, height: 844 }
];

/**
 * Nothing sticks out of the screen sideways, each refund line's amount sits inside its line, and the link to the
 * payment is a thumb's tap target (44 px tall; as one line of small type it was 16 px in Chinese).
 */
async function expectFits(page: Page, rows: Locator) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
	for (const row of await rows.all()) {
		const box = (await row.boundingBox())!;
		const amount = (await row.getByTestId('history-refund-amount').boundingBox())!;
		expect(amount.x + amount.width).toBeLessThanOrEqual(box.x + box.width);
		// One line for the amount: "+¥4.50" never breaks.
		expect(amount.height).toBeLessThan(30);
		for (const link of await row.getByRole('link').all()) {
			const target = (await link.boundingBox())!;
			expect(target.height).toBeGreaterThanOrEqual(44);
			expect(target.x + target.width).toBeLessThanOrEqual(box.x + box.width);
		}
	}
}

test('a part refund at the counter shows on the customer’s phone as its own line, and the payment still says part refunded', async ({ page, browser, server }) => {
	test.slow(); // two browsers
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const cashier = await api.cashierSession(server.url);
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3000);
	expect(paid.status).toBe(201);
	// The payment's day as the phone writes it (its clock is Shanghai's), with no-break spaces that keep it on one line.
	const settledAt = (paid.data.payment as unknown as { settledAt: string }).settledAt;
	const paidDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(settledAt)).replaceAll(' ', '\u00a0');

	const phoneContext = await browser.newContext({ viewport: PHONE_WIDTHS[0], isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const phone = await phoneContext.newPage();
	await openCustomerSignedIn(phone, server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await phone.getByRole('link', { name: 'Wallet history' }).click();
	const paymentLine = phone.locator('details').filter({ hasText: 'Demo Café' });
	await expect(paymentLine.locator('summary')).toContainText('¥30.00');
	await expect(phone.getByTestId('history-refund')).toHaveCount(0);

	// The cashier refunds 4.50 of the 30.00 from today's payments.
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('searchbox').fill('bob 30');
	await page.getByRole('button', { name: /Details bob/ }).click();
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).fill('4.50');
	await page.getByRole('button', { name: 'Refund…' }).click();
	await page.getByRole('dialog', { name: 'Refund this payment?' }).getByRole('button', { name: 'Refund ¥4.50' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Refunded.' })).toContainText('¥4.50 went back to the customer');
	expect(await api.balance(server.url, bob)).toBe(before + 450);

	// Live on the phone, without a reload: the refund on top, dated now, the payment below it as it was.
	const refundLine = phone.getByTestId('history-refund');
	await expect(refundLine).toHaveCount(1);
	await expect(refundLine).toContainText('Refund · Demo Café');
	await expect(refundLine.getByTestId('history-refund-amount')).toHaveText('+¥4.50');
	await expect(refundLine.getByTestId('history-refund-for')).toHaveText(`For your payment of ${paidDate}, ¥30.00`);
	// No coupon on this payment, and a part refund gives none back anyway.
	await expect(refundLine.getByTestId('history-refund-coupon')).toHaveCount(0);
	const rows = phone.getByRole('list').first().getByRole('listitem');
	await expect(rows.nth(0)).toContainText('Refund · Demo Café');
	await expect(rows.nth(1)).toContainText('Part refunded');
	// The payment line keeps its charge; what came back is said there, not added a second time with a "+".
	await expect(paymentLine.locator('summary .amount')).toHaveText('¥30.00');
	await expect(paymentLine.getByTestId('history-cash-back')).toHaveText('¥4.50 refunded');
	await expect(paymentLine.locator('summary')).not.toContainText('+');

	// The reference leads to the payment's line, opened.
	await refundLine.getByRole('link', { name: /For your payment of/ }).click();
	await expect(paymentLine).toHaveAttribute('open');
	await expect(paymentLine).toContainText('¥4.50 back to your balance');
	await paymentLine.locator('summary').click();
	await expectAccessible(phone, 'customer history with a refund');

	for (const size of PHONE_WIDTHS) {
		await phone.setViewportSize(size);
		await expectFits(phone, refundLine);
		await screenshot(phone, `customer-history-refund-${size.width}`);
	}
	await phone.getByRole('button', { name: /中文|简体中文/ }).click();
	await expect(refundLine).toContainText('退款 · Demo Café');
	await expect(refundLine.getByTestId('history-refund-amount')).toHaveText('+¥4.50');
	await expect(refundLine.getByTestId('history-refund-for')).toContainText('原付款：');
	await expect(paymentLine.getByTestId('history-cash-back')).toHaveText('已退款 ¥4.50');
	for (const size of PHONE_WIDTHS) {
		await phone.setViewportSize(size);
		await expectFits(phone, refundLine);
		await screenshot(phone, `customer-history-refund-zh-${size.width}`);
	}
	await phoneContext.close();
});

test('a refund of an older payment, on a page not yet shown, is on top with the coupon that came back', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const cashier = await api.cashierSession(server.url);
	const fiveOff = (await api.coupons(server.url, carol)).find((c) => c.rule.kind === 'fixed')!;
	// 12.00 with ¥5 off: 7.00 from the wallet. Then twenty more payments push it onto the history's second page.
	const first = await api.pay(server.url, cashier.token, await api.payCode(server.url, carol, fiveOff.id), 1200);
	expect(first.status).toBe(201);
	for (let i = 0; i < 20; i++) expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 10)).status).toBe(201);
	const refunded = await fetch(`${server.url}/api/payments/${first.data.payment.id}/refunds`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cashier.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: '{}'
	});
	expect(refunded.status).toBe(201);

	await page.setViewportSize(PHONE_WIDTHS[0]);
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.getByRole('link', { name: 'Wallet history' }).click();
	const rows = page.getByRole('list').first().getByRole('listitem');
	const refundLine = page.getByTestId('history-refund');
	await expect(rows.nth(0)).toContainText('Refund · Demo Café');
	await expect(refundLine.getByTestId('history-refund-amount')).toHaveText('+¥7.00');
	await expect(refundLine.getByTestId('history-refund-coupon')).toHaveText('Coupon returned to you');
	// Its payment is not on this page yet: the line names it without a link to nowhere.
	await expect(refundLine.getByTestId('history-refund-for')).toContainText('¥7.00');
	await expect(refundLine.getByRole('link')).toHaveCount(0);
	await expect(page.locator('details').filter({ hasText: 'Refunded' })).toHaveCount(0);
	await screenshot(page, 'customer-history-refund-coupon-360');
	// A tag, not a sentence: no full stop in either language.
	await page.locator('button.lang').click();
	await expect(refundLine.getByTestId('history-refund-coupon')).toHaveText('优惠券已退回');
	await page.locator('button.lang').click();

	await page.getByRole('button', { name: 'Show more' }).click();
	const paymentLine = page.locator('details').filter({ hasText: 'Refunded' });
	await expect(paymentLine).toHaveCount(1);
	await expect(paymentLine.locator('summary .amount')).toHaveText('¥7.00');
	// The oldest payment, under the twenty made after it; each line once: 21 payments and one refund.
	await expect(page.locator('details').last()).toContainText('Refunded');
	await expect(page.locator('details')).toHaveCount(21);
	await expect(refundLine).toHaveCount(1);
	await expect(refundLine.getByRole('link')).toHaveCount(1);
});

// A ¥5.00 order paid all by a ¥5 off coupon took ¥0.00 from the wallet. Its refund's line named it "For your payment of
// …, ¥0.00", which names nothing the customer remembers: the order's amount names it instead.
test('a refund of a payment the coupon paid all of names the payment by its order amount, not ¥0.00, in both languages', async ({ page, server }) => {
	const who = uniqueHandle('free');
	const token = await newCustomer(server.url, who, 1_000);
	await grantCampaign(server.url, who, { title: 'Five off', rule: { kind: 'fixed', off: 500 }, validUntil: '2099-01-01T00:00:00Z' });
	const [coupon] = await api.coupons(server.url, token);
	const cashier = await api.cashierSession(server.url);
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, token, coupon!.id), 500);
	expect(paid.data.payment.charged.amount).toBe(0);
	await api.refund(server.url, cashier.token, paid.data.payment.id, 200);
	const settledAt = (paid.data.payment as unknown as { settledAt: string }).settledAt;
	const paidDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(settledAt)).replaceAll(' ', '\u00a0');

	await page.setViewportSize(PHONE_WIDTHS[0]);
	await openCustomerSignedIn(page, server.url, who, '4826');
	await page.getByRole('link', { name: 'Wallet history' }).click();
	const refundLine = page.getByTestId('history-refund');
	await expect(refundLine.getByTestId('history-refund-for')).toHaveText(`For your order of ${paidDate}, ¥5.00`);
	await expect(refundLine).toContainText('The shop refunded ¥2.00; the coupon had paid all of it, so nothing comes back to your balance.');
	await expect(refundLine).not.toContainText('¥0.00');
	// The link still opens the payment's line, which says what it took: ¥0.00, of a ¥5.00 order.
	await refundLine.getByRole('link', { name: /For your order of/ }).click();
	const paymentLine = page.locator('details').filter({ hasText: 'Part refunded' });
	await expect(paymentLine).toHaveAttribute('open', '');
	await expect(paymentLine).toContainText('¥5.00');
	for (const size of PHONE_WIDTHS) {
		await page.setViewportSize(size);
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		await screenshot(page, `customer-history-refund-coupon-paid-all-${size.width}`);
	}

	await page.locator('button.lang').click();
	await expect(refundLine.getByTestId('history-refund-for')).toHaveText(`原订单：${new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(settledAt)).replaceAll(' ', '\u00a0')} ¥5.00`);
	await expect(refundLine).not.toContainText('¥0.00');
	for (const size of PHONE_WIDTHS) {
		await page.setViewportSize(size);
		await screenshot(page, `customer-history-refund-coupon-paid-all-zh-${size.width}`);
	}
});

/**
 * Two refunds told on the wallet at once. At 360 px they ran together in a narrow column beside "Close" (about nine
 * lines, nothing between one refund and the next) and pushed the coupon list under the payment-code bar. Each refund
 * is now a block of its own, the text has the banner's width, and "Close" is under it.
 */
async function expectNoticeLaidOut(page: Page, at: string) {
	const notice = page.getByTestId('refund-notice');
	const noticeBox = (await notice.boundingBox())!;
	const closeBox = (await notice.getByRole('button').boundingBox())!;
	const lines = await notice.locator('p').evaluateAll((ps) =>
		ps.map((p) => {
			const r = p.getBoundingClientRect();
			return { x: r.x, y: r.y, width: r.width, height: r.height, text: p.textContent ?? '' };
		})
	);
	expect(lines.length, at).toBeGreaterThanOrEqual(4);
	for (const line of lines) {
		// The words have the banner's width, not a column beside the button.
		expect(line.width, `${at}: "${line.text}"`).toBeGreaterThan(noticeBox.width * 0.7);
		// No box over another: "Close" is wholly under the text.
		expect(closeBox.y, `${at}: Close under "${line.text}"`).toBeGreaterThanOrEqual(line.y + line.height);
	}
	// Each refund starts a block of its own, set apart from the one before.
	const starts = lines.flatMap((l, i) => (/to your wallet|到您的钱包/.test(l.text) ? [i] : []));
	expect(starts, at).toHaveLength(2);
	const before = lines[starts[1]! - 1]!;
	expect(lines[starts[1]!]!.y - (before.y + before.height), `${at}: space between the refunds`).toBeGreaterThanOrEqual(8);
	expect(closeBox.y + closeBox.height, at).toBeLessThanOrEqual(noticeBox.y + noticeBox.height);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), at).toBeLessThanOrEqual(0);
	// The coupon list's heading is still on the first screen, above the payment-code bar.
	const barTop = await page.locator('.cta').evaluate((el) => el.getBoundingClientRect().top);
	const heading = (await page.locator('legend').boundingBox())!;
	expect(heading.y + heading.height, `${at}: the coupon list's heading above the bar`).toBeLessThanOrEqual(barTop);
}

test('two refunds told on the wallet are a block each, with Close under them and nothing overlapping, at 360 and 390 px in both languages', async ({ page, server }) => {
	const who = uniqueHandle('two-refunds');
	const token = await newCustomer(server.url, who, 10_000);
	await grantCampaign(server.url, who, { title: 'Five off', rule: { kind: 'fixed', off: 500 }, validUntil: '2099-01-01T00:00:00Z' });
	const [coupon] = await api.coupons(server.url, token);
	const cashier = await api.cashierSession(server.url);
	const withCoupon = await api.pay(server.url, cashier.token, await api.payCode(server.url, token, coupon!.id), 3000);
	expect(withCoupon.data.payment.charged.amount).toBe(2500);

	await page.setViewportSize(PHONE_WIDTHS[0]!);
	const live = liveStreamOpens(page);
	await openCustomerSignedIn(page, server.url, who, '4826');
	await expect(page.getByTestId('balance')).toHaveText('¥75.00');
	// Paid before the phone's first read of the history (in the background, after the balance shows), the sale below
	// was in that first sight, which tells nothing: no notice to close, and the Close click waited out the test. And
	// paid before the stream opened, it would reach the screen at no event.
	await firstSightTaken(page);
	await live;
	// The second sale reaches the wallet on screen live: its stream is open before the shop refunds the two.
	const plain = await api.pay(server.url, cashier.token, await api.payCode(server.url, token), 2000);
	await expect(page.getByTestId('balance')).toHaveText('¥55.00');
	// Made on another phone, the sale is told on this one (qa-customer-late-charge.spec.ts): closed, so that what is
	// measured below is the refunds' notice alone.
	await page.getByTestId('charge-notice').getByRole('button', { name: 'Close' }).click();
	await api.refund(server.url, cashier.token, withCoupon.data.payment.id);
	await api.refund(server.url, cashier.token, plain.data.payment.id, 500);
	const notice = page.getByTestId('refund-notice');
	await expect(notice).toContainText('Demo Café refunded ¥25.00 to your wallet.');
	await expect(notice).toContainText('Your coupon is back in your wallet.');
	await expect(notice).toContainText('Demo Café refunded ¥5.00 to your wallet.');
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') {
			await page.locator('button.lang').click();
			await expect(notice).toContainText('Demo Café 已退款 ¥5.00 到您的钱包。');
			// A sentence among sentences, ended as they are.
			await expect(notice.getByText('优惠券已退回', { exact: false })).toHaveText('优惠券已退回您的钱包。');
		}
		for (const size of PHONE_WIDTHS) {
			await page.setViewportSize(size);
			await expectNoticeLaidOut(page, `${size.width} px (${lang})`);
			await screenshot(page, `customer-refund-notice-two-${lang}-${size.width}`);
		}
		await page.setViewportSize(TABLET);
		await screenshot(page, `customer-refund-notice-two-${lang}-tablet`);
	}
	await expectAccessible(page, 'the wallet with two refunds told');
	await notice.getByRole('button', { name: '关闭' }).click();
	await expect(notice).toBeEmpty();
});
