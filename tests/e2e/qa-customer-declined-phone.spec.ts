/**
 * A declined payment on a small phone, with the cashier waiting. After "balance too low" the filled button said
 * "Show a new code", which the till would decline again for the same order, and at 360×640 none of the three buttons
 * was on screen without scrolling. Now "Add money" is the one offered first, and the buttons are on screen. A coupon
 * refused at another shop is named in Chinese with Chinese brackets, as the code screen named it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ isMobile: true, hasTouch: true });

type Lang = 'en' | 'zh';
const WORDS = {
	en: { showCode: 'Show payment code', addMoney: 'Add money', newCode: 'Show a new code', other: 'Choose another coupon', cancel: 'Cancel' },
	zh: { showCode: '出示付款码', addMoney: '充值', newCode: '出示新的付款码', other: '选择其他优惠券', cancel: '取消' }
};

async function open(page: Page, base: string, size: { width: number; height: number }, lang: Lang, who: [string, string]): Promise<void> {
	await page.setViewportSize(size);
	await page.goto('/api/health');
	await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
	await openCustomerSignedIn(page, base, ...who);
}

async function showCode(page: Page, lang: Lang): Promise<string> {
	await page.getByRole('button', { name: WORDS[lang].showCode }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

/** The sizes each language is checked at: the payment is declined on the smallest, then the page is resized. */
const CASES: { lang: Lang; sizes: { width: number; height: number }[] }[] = [
	{ lang: 'en', sizes: [{ width: 360, height: 640 }, { width: 390, height: 844 }] },
	{ lang: 'zh', sizes: [{ width: 360, height: 640 }, { width: 768, height: 1024 }] }
];

for (const { lang, sizes } of CASES) {
	test(`at ${sizes.map((s) => `${s.width}×${s.height}`).join(' and ')} (${lang}) "balance too low" offers "Add money" first, filled, and every button is on screen`, async ({ page, server }) => {
		const cashier = await api.cashierSession(server.url);
		// carol holds ¥20.00: a ¥60.00 order is declined.
		await open(page, server.url, sizes[0]!, lang, ['carol', '3333']);
		const code = await showCode(page, lang);
		expect((await api.pay(server.url, cashier.token, code, 6000)).status).toBe(402);
		const result = page.getByTestId('customer-result');
		await expect(result.getByTestId('declined-balance')).toBeVisible();

		for (const size of sizes) {
			await page.setViewportSize(size);
			const buttons = result.getByRole('button');
			await expect(buttons).toHaveText([WORDS[lang].addMoney, WORDS[lang].newCode, WORDS[lang].other]);
			await expect(buttons.first()).toHaveClass(/\bprimary\b/);
			await expect(result.getByRole('button', { name: WORDS[lang].newCode })).not.toHaveClass(/\bprimary\b/);
			expect(await page.evaluate(() => window.scrollY), `${size.width}×${size.height}`).toBe(0);
			for (const button of await buttons.all()) await expect(button).toBeInViewport({ ratio: 1 });
			await page.screenshot({ path: `test-results/screenshots/qa-customer-declined-funds-${size.width}x${size.height}-${lang}-screen.png` });
			await screenshot(page, `qa-customer-declined-funds-${size.width}x${size.height}-${lang}`);

			// The way out it offers works: the dialog opens at what the order lacks (and is closed again for the next size).
			await buttons.first().click();
			await expect(page.getByRole('dialog')).toBeVisible();
			await page.getByRole('dialog').getByRole('button', { name: WORDS[lang].cancel }).click();
			await expect(page.getByRole('dialog')).toHaveCount(0);
		}
	});
}

test('at 360×640 (zh) a coupon refused at another shop is named as the code screen named it, in Chinese brackets', async ({ page, server }) => {
	await open(page, server.url, { width: 360, height: 640 }, 'zh', ['alice', '1111']);
	await page.getByRole('radio', { name: /^满¥50减¥10/ }).check();
	const code = await showCode(page, 'zh');
	await expect(page.locator('.coupon-line')).toContainText('满¥50减¥10');
	const books = await api.cashierSession(server.url, 'demo-books', 'cashier-1', '4321');
	expect((await api.pay(server.url, books.token, code, 6000)).status).toBe(402);
	const result = page.getByTestId('customer-result');
	await expect(result.locator('.reason')).toHaveText('该优惠券仅限Demo Café使用。（满¥50减¥10）');
	for (const button of await result.getByRole('button').all()) await expect(button).toBeInViewport({ ratio: 1 });
	await page.screenshot({ path: 'test-results/screenshots/qa-customer-declined-merchant-360x640-zh-screen.png' });
});
