/**
 * A coupon shown at a shop it is not for. The customer picked Demo Café's "¥10 off orders of ¥50 or more" and
 * showed the code at Demo Books: the counter and the phone both said only "The coupon is not valid at this shop.",
 * so neither knew where it is valid, nor so whether to pick another coupon or pay without one. Now both say the
 * coupon is for Demo Café only, in English and in Chinese, and the phone's first button shows a new code without it.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS } from './support/browser';
import { openCounterSignedIn, openCustomerSignedIn, scanWithHandheld, screenshot, switchLanguage } from './support/pages';
import { showLanguage } from './support/variants';

type Lang = 'en' | 'zh';
const WORDS = {
	en: {
		coupon: /^¥10 off orders of ¥50 or more/,
		showCode: 'Show payment code',
		reason: 'This coupon is for Demo Café only. (¥10 off orders of ¥50 or more)',
		newCode: 'New code without the coupon',
		other: 'Choose another coupon'
	},
	zh: {
		coupon: /^满¥50减¥10/,
		showCode: '出示付款码',
		reason: '该优惠券仅限Demo Café使用。（满¥50减¥10）',
		newCode: '不用优惠券，出示新码',
		other: '选择其他优惠券'
	}
};

async function opened(browser: Browser, base: string, viewport: { width: number; height: number }, phone: boolean): Promise<Page> {
	const ctx = await browser.newContext({ viewport, baseURL: base, ...CONTEXT_DEFAULTS, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
	const page = await ctx.newPage();
	await page.goto('/api/health');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'en'));
	return page;
}

const CASES: { lang: Lang; phone: { width: number; height: number }; tablet: { width: number; height: number } }[] = [
	{ lang: 'en', phone: { width: 360, height: 640 }, tablet: { width: 1024, height: 768 } },
	{ lang: 'zh', phone: { width: 390, height: 844 }, tablet: { width: 1280, height: 800 } }
];
const sizes = (c: (typeof CASES)[number]) => `${c.lang} with a ${c.phone.width}×${c.phone.height} phone and a ${c.tablet.width}×${c.tablet.height} tablet`;

// One decline for both languages: the counter and the phone switch language in place, and are resized to each
// language's pair of sizes; only the words and the layout differ between them.
test(`a Demo Café coupon shown at Demo Books: the counter and the phone say it is for Demo Café only (${CASES.map(sizes).join('; ')})`, async ({ browser, server }) => {
	const [en] = CASES;
	const phone = await opened(browser, server.url, en!.phone, true);
	await openCustomerSignedIn(phone, server.url, 'alice', '1111');
	await phone.getByRole('radio', { name: WORDS.en.coupon }).check();
	await phone.getByRole('button', { name: WORDS.en.showCode }).click();
	const ticket = phone.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const code = (await ticket.getAttribute('data-code'))!;

	const tablet = await opened(browser, server.url, en!.tablet, false);
	await openCounterSignedIn(tablet, server.url, 'demo-books', 'cashier-1', '4321');
	await tablet.keyboard.type('60');
	await scanWithHandheld(tablet, code);

	const declined = tablet.getByTestId('charge-declined');
	const result = phone.getByTestId('customer-result');
	const buttons = result.getByRole('button');
	for (const { lang, phone: phoneSize, tablet: tabletSize } of CASES) {
		const words = WORDS[lang];
		if (lang === 'zh') {
			await showLanguage(tablet, 'zh');
			await switchLanguage(phone);
			await expect(phone.locator('html')).toHaveAttribute('lang', 'zh-CN');
		}
		await tablet.setViewportSize(tabletSize);
		await phone.setViewportSize(phoneSize);
		await expect(declined.getByTestId('decline-reason')).toHaveText(words.reason);
		await expect(declined.getByTestId('decline-reason')).toBeInViewport();
		await screenshot(tablet, `qa-wrongshop-counter-${lang}`);

		await expect(result.locator('.reason')).toHaveText(words.reason);
		await expect(buttons).toHaveText([words.newCode, words.other]);
		for (const button of await buttons.all()) await expect(button).toBeInViewport({ ratio: 1 });
		await screenshot(phone, `qa-wrongshop-phone-${lang}`);
	}

	// The next step it offers: a new code with no coupon on it, which Demo Books takes.
	await buttons.first().click();
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(ticket).not.toHaveAttribute('data-code', code);
	await expect(phone.locator('.coupon-line')).not.toContainText('满¥50减¥10');
	await switchLanguage(phone);
	await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
	await expect(phone.locator('.coupon-line')).not.toContainText('¥10 off');
	await phone.context().close();
	await tablet.context().close();
});
