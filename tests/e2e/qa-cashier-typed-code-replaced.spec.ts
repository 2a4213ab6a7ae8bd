/**
 * A customer audit: a code the cashier types by hand was cut off by the phone's own refresh. With a few seconds left on
 * the phone's "New code in N s" the cashier began typing the 18 digits; the phone replaced the code meanwhile (which
 * retires the old one on the server at once), and "Use code" got "Payment declined — The code has expired" while the
 * queue waited. A typed code is now taken as of its first keystroke: the code the cashier began typing while the phone
 * showed it pays, at the counter, for a top-up and as the fresh code of a sale declined after an outage, and so does
 * one typed a digit wrong and corrected after the phone replaced it; one begun after the phone replaced it still does
 * not.
 *
 * 12 s codes, replaced 6 s after they appear (the lead is capped at half the lifetime, $lib/customer/paycode.ts): the
 * test types the first digits, waits until the phone shows its next code, and types the rest.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, openCustomerSignedIn, saleDeclinedAfterSync, screenshot } from './support/pages';

test.use({ serverEnv: { PAYCODE_TTL_MS: '12000' } });

const WORDS = {
	en: { keypad: 'Amount keypad', code: 'Or type the code', paid: 'Payment received', declined: 'Payment declined', expired: 'This code was put away, replaced or expired on the customer’s phone.' },
	zh: { keypad: '金额键盘', code: '或手动输入付款码', paid: '收款成功', declined: '付款被拒绝', expired: '此付款码已在顾客手机上收起、换新或过期。' }
} as const;

/** A new customer's phone (a device of its own), showing a payment code: the phone and the code's ticket. */
async function phoneShowingCode(page: Page, baseUrl: string) {
	const handle = uniqueHandle('typed');
	const token = await newCustomer(baseUrl, handle, 50_000);
	const ctx = await page.context().browser()!.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: baseUrl, ...CONTEXT_DEFAULTS });
	const phone = await ctx.newPage();
	await openCustomerSignedIn(phone, baseUrl, handle, '4826');
	await phone.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = phone.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return { phone, ticket, token, close: () => ctx.close() };
}

/** The cashier begins typing the code the phone shows, the phone replaces it, and the cashier finishes and sends it. */
async function typeAcrossReplacement(page: Page, field: Locator, ticket: Locator): Promise<{ typed: string; replacement: string }> {
	const typed = (await ticket.getAttribute('data-code'))!;
	await field.click();
	// At a person's pace (a scanner's keys come under 50 ms apart).
	await page.keyboard.type(typed.slice(0, 4), { delay: 70 });
	await expect(ticket).not.toHaveAttribute('data-code', typed, { timeout: 15_000 });
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	const replacement = (await ticket.getAttribute('data-code'))!;
	await page.keyboard.type(typed.slice(4), { delay: 70 });
	await page.keyboard.press('Enter');
	return { typed, replacement };
}

async function useLanguage(page: Page, lang: 'en' | 'zh') {
	if (lang === 'en') return;
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await expect(page.getByRole('group', { name: WORDS.zh.keypad })).toBeVisible();
}

for (const [size, lang] of [
	[TABLET, 'en'],
	[PHONE, 'zh']
] as const) {
	test(`a code begun while the phone showed it and finished after the phone replaced it pays, at ${size.width}px in ${lang}`, async ({ page, server }) => {
		const w = WORDS[lang];
		await page.setViewportSize(size);
		await openCounterSignedIn(page, server.url);
		await useLanguage(page, lang);
		const { phone, ticket, token, close } = await phoneShowingCode(page, server.url);
		const pad = page.getByRole('group', { name: w.keypad });
		for (const key of '12') await pad.getByRole('button', { name: key, exact: true }).click();

		const { replacement } = await typeAcrossReplacement(page, page.getByLabel(w.code), ticket);
		const result = page.getByTestId('charge-result');
		await expect(result.getByTestId('charged')).toHaveText('¥12.00');
		await expect(result).toContainText(w.paid);
		expect(await api.balance(server.url, token)).toBe(50_000 - 1_200);
		await screenshot(page, `qa-typed-code-replaced-${lang}`);
		// The phone shows the sale of the code it had replaced, and the code that replaced it pays no more.
		await expect(phone.getByTestId('customer-result')).toBeVisible();
		const cashier = await api.cashierSession(server.url);
		expect((await api.pay(server.url, cashier.token, replacement, 300)).status).toBe(402);
		await close();
	});
}

test('a code begun after the phone replaced it is still declined as expired', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	const { ticket, token, close } = await phoneShowingCode(page, server.url);
	const old = (await ticket.getAttribute('data-code'))!;
	await expect(ticket).not.toHaveAttribute('data-code', old, { timeout: 15_000 });
	for (const key of '12') await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: key, exact: true }).click();
	const field = page.getByLabel('Or type the code');
	await field.click();
	await page.keyboard.type(old, { delay: 70 });
	await page.keyboard.press('Enter');
	const declined = page.getByTestId('charge-declined');
	await expect(declined).toContainText(WORDS.en.declined);
	await expect(declined).toContainText(WORDS.en.expired);
	expect(await api.balance(server.url, token)).toBe(50_000);
	await close();
});

test('a top-up by a code begun while the phone showed it and finished after the phone replaced it is added', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	const { ticket, token, close } = await phoneShowingCode(page, server.url);
	await page.getByTestId('counter-topup-start').click();
	const panel = page.getByTestId('counter-topup');
	await panel.getByRole('button', { name: '¥100', exact: true }).click();

	await typeAcrossReplacement(page, panel.getByLabel('Or type the code'), ticket);
	await expect(panel.getByTestId('pending-code')).toBeVisible();
	await panel.getByRole('button', { name: 'Top up ¥100.00' }).click();
	const confirm = panel.getByTestId('counter-topup-confirm');
	await expect(confirm).toBeVisible();
	await confirm.getByRole('button', { name: 'Cash received: add ¥100.00' }).click();
	await expect(panel.getByTestId('counter-topup-done')).toBeVisible();
	expect(await api.balance(server.url, token)).toBe(50_000 + 10_000);
	await screenshot(page, 'qa-typed-code-replaced-topup');
	await close();
});

test('a fresh code for a sale declined after an outage, begun while the phone showed it and finished after it was replaced, pays', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	// A sale queued in an outage with a code the phone had already replaced: declined as expired once sent.
	const handle = uniqueHandle('typed');
	const token = await newCustomer(server.url, handle, 50_000);
	const stale = await api.payCode(server.url, token);
	await api.payCode(server.url, token);
	const { entry } = await saleDeclinedAfterSync(page, '6', stale, { phone: false });
	await expect(entry.getByTestId('declined-reason')).toHaveText(WORDS.en.expired);

	// The customer, still there, shows a code on their phone; the cashier types it as "Fresh code from the customer".
	const ctx = await page.context().browser()!.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const phone = await ctx.newPage();
	await openCustomerSignedIn(phone, server.url, handle, '4826');
	await phone.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = phone.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await entry.getByRole('button', { name: 'Charge again' }).click();
	await typeAcrossReplacement(page, entry.getByLabel('Fresh code from the customer'), ticket);
	await expect(page.getByTestId('charged-again')).toHaveText(`Charged ${handle} again: Paid ¥6.00`);
	expect(await api.balance(server.url, token)).toBe(50_000 - 600);
	await screenshot(page, 'qa-typed-code-replaced-charged-again');
	await ctx.close();
});

test('a code typed a digit wrong while the phone showed it, corrected after the phone replaced it, pays', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	const { ticket, token, close } = await phoneShowingCode(page, server.url);
	for (const key of '30') await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: key, exact: true }).click();
	const shown = (await ticket.getAttribute('data-code'))!;
	const last = shown.at(-1)!;
	await page.getByLabel('Or type the code').click();
	await page.keyboard.type(shown.slice(0, -1) + String((Number(last) + 1) % 10), { delay: 70 });
	await page.keyboard.press('Enter');
	const declined = page.getByTestId('charge-declined');
	await expect(declined.getByTestId('decline-reason')).toHaveText('That is not a live payment code.');

	// The phone moves on while the cashier reads the decline; the digits typed come back, and one is fixed.
	await expect(ticket).not.toHaveAttribute('data-code', shown, { timeout: 15_000 });
	await declined.getByRole('button', { name: 'Correct the code' }).click();
	await expect(page.getByLabel('Or type the code')).toBeFocused();
	await page.keyboard.press('Backspace');
	await page.keyboard.type(last);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥30.00');
	expect(await api.balance(server.url, token)).toBe(50_000 - 3_000);
	await close();
});

test('in an outage, a code begun while the phone showed it and finished after it was replaced is queued and pays when sent', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	const { ticket, token, close } = await phoneShowingCode(page, server.url);
	await page.context().setOffline(true);
	await expect(page.getByTestId('network-state')).toContainText('Offline');
	for (const key of '8') await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: key, exact: true }).click();

	await typeAcrossReplacement(page, page.getByLabel('Or type the code'), ticket);
	const queued = page.getByTestId('charge-queued');
	await expect(queued).toContainText('Queued — not yet paid');
	await queued.getByRole('button', { name: 'Next customer' }).click();
	await page.context().setOffline(false);
	await expect.poll(() => api.balance(server.url, token), { timeout: 20_000 }).toBe(50_000 - 800);
	await expect(page.getByTestId('declined-after-sync')).toBeHidden();
	await close();
});
