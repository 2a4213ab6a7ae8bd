/**
 * A customer QA review: the customer showed a payment code, then reloaded the page (or tapped Close); the phone put the
 * code away, so it shows none and the code no longer pays. The cashier, typing the digits read off the phone a moment
 * before, was told "The code has expired or was replaced by a newer one" and "Ask the customer for the code their phone
 * shows now": the phone showed no code, and nothing had expired. The refusal is right (a code nobody sees must not
 * pay); the words now say what may have happened, put away among it, and how to get a code on the phone.
 */
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import * as api from './support/api';
import { openCounterSignedIn, openCustomerSignedIn, screenshot } from './support/pages';

const WORDS = {
	en: {
		keypad: 'Amount keypad',
		code: 'Or type the code',
		declined: 'Payment declined',
		reason: 'This code was put away, replaced or expired on the customer’s phone.',
		next: 'Ask the customer to show a new payment code, and scan again.'
	},
	zh: {
		keypad: '金额键盘',
		code: '或手动输入付款码',
		declined: '付款被拒绝',
		reason: '此付款码已在顾客手机上收起、换新或过期。',
		next: '请顾客出示新的付款码，再重新扫码。'
	}
} as const;

for (const [size, lang] of [
	[TABLET, 'en'],
	[PHONE, 'zh']
] as const) {
	test(`a code put away by a reload of the customer's page is declined in words that say so, at ${size.width}px in ${lang}`, async ({ page, server }) => {
		const w = WORDS[lang];
		await page.setViewportSize(size);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') {
			await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await page.reload();
		}
		await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();

		// The customer's phone shows a code, and the page is reloaded: the code is put away on the server.
		const handle = uniqueHandle('away');
		const token = await newCustomer(server.url, handle, 50_000);
		const ctx = await page.context().browser()!.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const phone = await ctx.newPage();
		await openCustomerSignedIn(phone, server.url, handle, '4826');
		await phone.getByRole('button', { name: 'Show payment code' }).click();
		const ticket = phone.getByTestId('paycode');
		await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
		const code = (await ticket.getAttribute('data-code'))!;
		const putAway = phone.waitForResponse((res) => res.url().includes('/api/paycodes/current') && res.request().method() === 'DELETE');
		await phone.reload();
		expect((await putAway).status()).toBe(204);
		await expect(phone.getByTestId('balance')).toBeVisible();
		await expect(phone.getByTestId('paycode')).toHaveCount(0);

		// The cashier types the digits read off the phone before the reload.
		const pad = page.getByRole('group', { name: w.keypad });
		for (const key of '12') await pad.getByRole('button', { name: key, exact: true }).click();
		await page.getByLabel(w.code).click();
		await page.keyboard.insertText(code);
		await page.keyboard.press('Enter');
		const declined = page.getByTestId('charge-declined');
		await expect(declined).toContainText(w.declined);
		await expect(declined.getByTestId('decline-reason')).toHaveText(w.reason);
		await expect(declined).toContainText(w.next);
		expect(await api.balance(server.url, token)).toBe(50_000);
		await screenshot(page, `qa-cashier-code-put-away-${lang}`);
		await ctx.close();
	});
}
