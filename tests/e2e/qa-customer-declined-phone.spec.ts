/**
 * A declined payment on a small phone, with the cashier waiting. After "balance too low" the filled button said
 * "Show a new code", which the till would decline again for the same order, and at 360×640 none of the three buttons
 * was on screen without scrolling. Now "Add money" is the one offered first, and the buttons are on screen. A coupon
 * refused at another shop is named in Chinese with Chinese brackets, as the code screen named it. One valid at three
 * shops with long names no longer pushes the buttons below the screen's edge: the reason names the first and counts
 * the others, and the buttons come right after it and what to do, the order's amount after them.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { addCampaignShops, grantCampaign } from './support/campaigns';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ isMobile: true, hasTouch: true });

type Lang = 'en' | 'zh';
const WORDS = {
	en: { showCode: 'Show payment code', addMoney: 'Add money', newCode: 'Show a new code', other: 'Choose another coupon', use: 'Use a coupon', cancel: 'Cancel' },
	zh: { showCode: '出示付款码', addMoney: '充值', newCode: '出示新的付款码', other: '选择其他优惠券', use: '使用优惠券', cancel: '取消' }
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
			// carol paid with no coupon: there was none to change for another, so it offers to use one.
			await expect(buttons).toHaveText([WORDS[lang].addMoney, WORDS[lang].newCode, WORDS[lang].use]);
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

/**
 * A coupon valid only at three other shops, with names as long as a shop's may be (60 characters; a German compound
 * has no space to break at), as the server lists them (by name). Its reason named all three in nine lines, ran past
 * the screen's edge at the compound, and put "Choose another coupon" below a 360×640 screen's edge. Now it names the
 * first and counts the others, whom the coupon's card in the list names.
 */
const LONG_SHOPS = ['Donaudampfschifffahrtsgesellschaftskaffeehaus', 'The Corner Roastery and Bakery at the Old Market Square', '王府井大街东方新天地购物中心地下一层美食广场老北京炸酱面馆'];
const ELSEWHERE = 'Seven off at our three cafés';
const ELSEWHERE_REASON = {
	en: `This coupon is for ${LONG_SHOPS[0]} and 2 other shops only. (¥7 off)`,
	zh: `该优惠券仅限${LONG_SHOPS[0]}和其他2家店使用。（立减¥7）`
};

test('at 360×640 (zh) a coupon refused at another shop is named as the code screen named it, in Chinese brackets; one for three shops with long names keeps its reason and buttons on screen (zh, en; 390×844 too), and "Choose another coupon" goes back to the coupons', async ({
	page,
	server
}) => {
	await grantCampaign(server.url, 'alice', { title: ELSEWHERE, rule: { kind: 'fixed', off: 700 }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
	addCampaignShops(join(server.dir, 'pos.db'), ELSEWHERE, LONG_SHOPS, { keepOwn: false });
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

	// "Choose another coupon" goes back to the coupons, the one refused no longer chosen.
	await result.getByRole('button', { name: WORDS.zh.other }).click();
	await expect(page.getByRole('radio', { name: /^满¥50减¥10/ })).not.toBeChecked();
	await page.getByRole('radio', { name: /^立减¥7/ }).check();
	expect((await api.pay(server.url, books.token, await showCode(page, 'zh'), 6000)).status).toBe(402);
	for (const lang of ['zh', 'en'] as const) {
		if (lang === 'en') await switchLanguage(page);
		await expect(result.locator('.reason')).toHaveText(ELSEWHERE_REASON[lang]);
		for (const size of [{ width: 390, height: 844 }, { width: 360, height: 640 }]) {
			const at = `at ${size.width}×${size.height} (${lang})`;
			await page.setViewportSize(size);
			expect(await page.evaluate(() => window.scrollY), at).toBe(0);
			await expect(result.locator('.reason'), `the reason ${at}`).toBeInViewport({ ratio: 1 });
			for (const button of await result.getByRole('button').all()) await expect(button, `${await button.textContent()} ${at}`).toBeInViewport({ ratio: 1 });
			expect(await page.evaluate(() => document.documentElement.scrollWidth), `the page's width ${at}`).toBeLessThanOrEqual(size.width);
			await page.screenshot({ path: `test-results/screenshots/qa-customer-declined-three-shops-${size.width}x${size.height}-${lang}-screen.png` });
		}
	}
	// Back to the coupons, whose card names every shop the coupon is for.
	await result.getByRole('button', { name: WORDS.en.other }).click();
	const elsewhere = page.getByRole('radio', { name: /^¥7 off/ });
	await expect(elsewhere).not.toBeChecked();
	for (const name of LONG_SHOPS) await expect(page.locator('label', { has: elsewhere })).toContainText(name);
});
