/**
 * A coupon shown at a shop it is not for. The customer picked Demo Café's "¥10 off orders of ¥50 or more" and
 * showed the code at Demo Books: the counter and the phone both said only "The coupon is not valid at this shop.",
 * so neither knew where it is valid, nor so whether to pick another coupon or pay without one. Now both say the
 * coupon is for Demo Café only, in English and in Chinese, and the phone's first button shows a new code without it.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS } from './support/browser';
import { openCounterSignedIn, openCustomerSignedIn, scanWithHandheld, screenshot } from './support/pages';

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

async function opened(browser: Browser, base: string, viewport: { width: number; height: number }, lang: Lang, phone: boolean): Promise<Page> {
	const ctx = await browser.newContext({ viewport, baseURL: base, ...CONTEXT_DEFAULTS, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
	const page = await ctx.newPage();
	await page.goto('/api/health');
	await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
	return page;
}

const CASES: { lang: Lang; phone: { width: number; height: number }; tablet: { width: number; height: number } }[] = [
	{ lang: 'en', phone: { width: 360, height: 640 }, tablet: { width: 1024, height: 768 } },
	{ lang: 'zh', phone: { width: 390, height: 844 }, tablet: { width: 1280, height: 800 } }
];

for (const { lang, phone: phoneSize, tablet: tabletSize } of CASES) {
	test(`a Demo Café coupon shown at Demo Books: the counter and the phone say it is for Demo Café only (${lang})`, async ({ browser, server }) => {
		const words = WORDS[lang];
		const phone = await opened(browser, server.url, phoneSize, lang, true);
		await openCustomerSignedIn(phone, server.url, 'alice', '1111');
		await phone.getByRole('radio', { name: words.coupon }).check();
		await phone.getByRole('button', { name: words.showCode }).click();
		const ticket = phone.getByTestId('paycode');
		await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
		const code = (await ticket.getAttribute('data-code'))!;

		// Signed in in English (the helper reads English labels), then the counter in the test's language.
		const tablet = await opened(browser, server.url, tabletSize, 'en', false);
		await openCounterSignedIn(tablet, server.url, 'demo-books', 'cashier-1', '4321');
		if (lang === 'zh') {
			await tablet.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await tablet.reload();
			await expect(tablet.getByRole('group', { name: '金额键盘' })).toBeVisible();
		}
		await tablet.keyboard.type('60');
		await scanWithHandheld(tablet, code);

		const declined = tablet.getByTestId('charge-declined');
		await expect(declined.getByTestId('decline-reason')).toHaveText(words.reason);
		await expect(declined.getByTestId('decline-reason')).toBeInViewport();
		await screenshot(tablet, `qa-wrongshop-counter-${lang}`);

		const result = phone.getByTestId('customer-result');
		await expect(result.locator('.reason')).toHaveText(words.reason);
		const buttons = result.getByRole('button');
		await expect(buttons).toHaveText([words.newCode, words.other]);
		for (const button of await buttons.all()) await expect(button).toBeInViewport({ ratio: 1 });
		await screenshot(phone, `qa-wrongshop-phone-${lang}`);

		// The next step it offers: a new code with no coupon on it, which Demo Books takes.
		await buttons.first().click();
		await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
		await expect(ticket).not.toHaveAttribute('data-code', code);
		await expect(phone.locator('.coupon-line')).not.toContainText(lang === 'en' ? '¥10 off' : '满¥50减¥10');
		await phone.context().close();
		await tablet.context().close();
	});
}
