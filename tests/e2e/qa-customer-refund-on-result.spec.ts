/**
 * A refund while the "Paid" screen is still open: the customer paid at the counter, the result is on the phone, and
 * the cashier refunds the sale at once (wrong amount keyed, the customer changed their mind). The result screen kept
 * saying the balance from before the refund and nothing of the refund: the customer walked away believing the money
 * was gone. It now shows the balance after it, and says what came back under the result; or, when nothing came back
 * (the coupon had paid all of it), says so, as the wallet's refund notice does. A refund said there is not told again
 * by the wallet's notice after "Done".
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { expectAccessible, openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

const yuan = (minor: number) => `¥${(minor / 100).toFixed(2)}`;

async function showCode(page: Page, coupon: RegExp | null): Promise<string> {
	if (coupon) await page.getByRole('radio', { name: coupon }).check();
	await page.getByRole('button', { name: /Show payment code|出示付款码/ }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

for (const width of [360, 390]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: width === 360 ? 740 : 844 }, isMobile: true, hasTouch: true });

		test('a full refund while "Paid" is on screen shows the balance after it and says it was refunded', async ({ page, server }) => {
			const alice = await openCustomerSignedIn(page, server.url, 'alice', '1111');
			const cashier = await api.cashierSession(server.url);
			const before = await api.balance(server.url, alice);
			const code = await showCode(page, /¥5 off/);
			const sale = await api.pay(server.url, cashier.token, code, 3000);
			expect(sale.data.payment.charged.amount).toBe(2500);

			const result = page.getByTestId('customer-result');
			await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before - 2500));

			await api.refund(server.url, cashier.token, sale.data.payment.id);
			// The ¥25.00 charged comes back; the coupon's ¥5.00 was never the customer's money.
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before));
			await expect(result.getByTestId('result-refunded')).toHaveText('Refunded ¥25.00');
			// The cashier refunded ¥30.00: why ¥25.00 came back is said under it, as the history says it.
			await expect(result.getByTestId('result-refund-split')).toHaveText('The shop refunded ¥30.00; the coupon had paid ¥5.00 of it.');
			// Still the result of the payment made: it was paid, then refunded.
			await expect(result.getByRole('heading', { name: 'Paid' })).toBeVisible();
			await screenshot(page, `qa-customer-refund-on-result-${width}`);
			await expectAccessible(page, 'a paid result refunded while on screen');

			await switchLanguage(page);
			await expect(result.getByTestId('result-refunded')).toHaveText('已退款 ¥25.00');
			await expect(result.getByTestId('result-refund-split')).toHaveText('商户退款 ¥30.00，其中 ¥5.00 由优惠券支付。');
			await screenshot(page, `qa-customer-refund-on-result-${width}-zh`);
		});

		test('each part refund while "Paid" is on screen moves the balance, and the line says what came back in all', async ({ page, server }) => {
			const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
			const cashier = await api.cashierSession(server.url);
			const before = await api.balance(server.url, bob);
			const sale = await api.pay(server.url, cashier.token, await showCode(page, null), 2000);
			const result = page.getByTestId('customer-result');
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before - 2000));
			await expect(result.getByTestId('result-refunded')).toHaveCount(0);

			await api.refund(server.url, cashier.token, sale.data.payment.id, 500);
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before - 1500));
			await expect(result.getByTestId('result-refunded')).toHaveText('Refunded ¥5.00');
			// No coupon: all that was refunded came back, and nothing more is said.
			await expect(result.getByTestId('result-refund-split')).toHaveCount(0);
			await api.refund(server.url, cashier.token, sale.data.payment.id, 300);
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before - 1200));
			await expect(result.getByTestId('result-refunded')).toHaveText('Refunded ¥8.00');

			// "Done", then the next payment's result says nothing of this one's refunds.
			await result.getByRole('button', { name: 'Done' }).click();
			await api.pay(server.url, cashier.token, await showCode(page, null), 100);
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before - 1300));
			await expect(result.getByTestId('result-refunded')).toHaveCount(0);
		});
	});
}

/** A sale of `amount` with no coupon, paid with a code the test asks for (the phone's screen stays where it is). */
async function olderSale(baseUrl: string, customerToken: string, cashierToken: string, amount: number): Promise<string> {
	const sale = await api.pay(baseUrl, cashierToken, await api.payCode(baseUrl, customerToken), amount);
	expect(sale.data.payment.status).toBe('succeeded');
	return sale.data.payment.id;
}

// The coupon paid the whole order (¥5.00 off a ¥5.00 order, charged ¥0.00): its refund gives no cash back. The "Paid"
// screen said nothing while the cashier said "refunded"; it now says what the wallet's notice and the history say.
// In English at 390 px, in Chinese at 360.
for (const [width, lang] of [
	[390, 'en'],
	[360, 'zh']
] as const) {
	test.describe(`at ${width} px, in ${lang}`, () => {
		test.use({ viewport: { width, height: width === 360 ? 740 : 844 }, isMobile: true, hasTouch: true });

		test('a refund that gives nothing back says so on "Paid"; after Done the wallet tells only the refund of an older sale', async ({ page, server }) => {
			// Carol: no sale of the tests above is hers.
			const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
			const cashier = await api.cashierSession(server.url);
			const older = await olderSale(server.url, carol, cashier.token, 300);
			const before = await api.balance(server.url, carol);
			await expect(page.getByTestId('balance')).toContainText(yuan(before));

			await page.getByRole('radio', { name: /¥5 off/ }).check();
			if (lang === 'zh') await switchLanguage(page);
			const sale = await api.pay(server.url, cashier.token, await showCode(page, null), 500);
			expect(sale.data.payment.charged.amount).toBe(0);
			const result = page.getByTestId('customer-result');
			await expect(result.getByRole('heading', { name: lang === 'en' ? 'Paid' : '付款成功' })).toBeVisible();
			await expect(result.getByTestId('result-refunded')).toHaveCount(0);

			await api.refund(server.url, cashier.token, sale.data.payment.id);
			const { refunds } = await api.refunds(server.url, carol, sale.data.payment.id);
			expect(refunds.map((r) => r.cash.amount)).toEqual([0]);
			await expect(result.getByTestId('result-refunded')).toHaveText(
				lang === 'en'
					? 'The shop refunded ¥5.00; the coupon had paid all of it, so nothing comes back to your balance.'
					: '商户退款 ¥5.00，全部由优惠券支付，不退回余额。'
			);
			// In the live region that was on the screen before it (so that it is read out).
			await expect(result.getByRole('status').filter({ has: page.getByTestId('result-refunded') })).toBeVisible();
			await expect(result.getByTestId('new-balance')).toHaveText(yuan(before));
			await screenshot(page, `qa-customer-refund-on-result-nothing-back-${width}-${lang}`);
			await expectAccessible(page, 'a paid result refunded with nothing back');

			// Meanwhile the shop refunds the older sale too: that one is news on the wallet; the one just said is not.
			await api.refund(server.url, cashier.token, older);
			await result.getByRole('button', { name: lang === 'en' ? 'Done' : '完成' }).click();
			const notice = page.getByTestId('refund-notice');
			await expect(notice).toContainText(lang === 'en' ? 'Demo Café refunded ¥3.00 to your wallet.' : 'Demo Café 已退款 ¥3.00 到您的钱包。');
			await expect(notice).not.toContainText(lang === 'en' ? 'the coupon had paid all of it' : '全部由优惠券支付');
			await expect(notice).not.toContainText(lang === 'en' ? 'Refund · Demo Café' : '退款 · Demo Café');
			await screenshot(page, `qa-customer-refund-on-result-nothing-back-home-${width}-${lang}`);
		});
	});
}

test.describe('at 390 px', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('after Done, the wallet does not tell again the refund "Paid" said, but tells one of an older sale made meanwhile', async ({ page, server }) => {
		const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
		const cashier = await api.cashierSession(server.url);
		const older = await olderSale(server.url, bob, cashier.token, 800);
		await expect(page.getByTestId('balance')).toContainText(yuan(await api.balance(server.url, bob)));

		const sale = await api.pay(server.url, cashier.token, await showCode(page, null), 2500);
		const result = page.getByTestId('customer-result');
		await api.refund(server.url, cashier.token, sale.data.payment.id, 1500);
		await expect(result.getByTestId('result-refunded')).toHaveText('Refunded ¥15.00');
		await api.refund(server.url, cashier.token, older);

		await result.getByRole('button', { name: 'Done' }).click();
		const notice = page.getByTestId('refund-notice');
		// The older sale's refund is told (so the refunds were read), and alone: the ¥15.00 was said on "Paid".
		await expect(notice).toContainText('Demo Café refunded ¥8.00 to your wallet.');
		await expect(notice).not.toContainText('¥15.00');
		await screenshot(page, 'qa-customer-refund-on-result-done');

		// The rest of the same sale refunded after Done was never on "Paid": it is news.
		await api.refund(server.url, cashier.token, sale.data.payment.id);
		await expect(notice).toContainText('Demo Café refunded ¥10.00 to your wallet.');
		await expect(notice).toContainText('Demo Café refunded ¥8.00 to your wallet.');
		await expect(notice).not.toContainText('¥15.00');
	});
});
