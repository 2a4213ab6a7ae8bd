/**
 * Cash handed over at the counter, put on the customer's wallet: the cashier opens "Top up a wallet" beside the sale,
 * keys the amount, types the customer's code (or scans it), reads back whose wallet it is, confirms, and sees it
 * added. The customer's history names the shop; Today's line and the Day report count the cash. Before, a shop had no
 * way to do this: the only top-up was the customer's own simulated one, off with TOPUPS=0.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { TOPUP_100_TO_BOB_WORDS } from './support/counter-topup';
import { openCounterSignedIn, openCustomerSignedIn, scanWithHandheld, screenshot } from './support/pages';

test.use({ serverEnv: { TOPUPS: '0' } });

// The panel's words (TOPUP_100_TO_BOB_WORDS) and those of typing a code.
const WORDS = {
	en: {
		...TOPUP_100_TO_BOB_WORDS.en,
		code: 'Or type the code',
		finish: 'Done',
		unknown: 'No customer shows this code.'
	},
	zh: {
		...TOPUP_100_TO_BOB_WORDS.zh,
		code: '或手动输入付款码',
		finish: '完成',
		unknown: '没有顾客出示这个付款码。'
	}
} as const;

async function topUpByTypedCode(page: Page, lang: 'en' | 'zh', code: string, shot: string) {
	const w = WORDS[lang];
	// Secondary, under the sale's ways to take a code.
	await expect(page.getByTestId('counter-topup-start')).toHaveText(w.start);
	await screenshot(page, `${shot}-counter`);
	await page.getByTestId('counter-topup-start').click();
	const panel = page.getByTestId('counter-topup');
	await expect(panel).toBeVisible();
	await panel.getByRole('button', { name: '¥100', exact: true }).click();
	await panel.getByLabel(w.code).fill(code);
	await panel.getByLabel(w.code).press('Enter');
	await expect(panel.getByTestId('pending-code')).toBeVisible();
	await screenshot(page, `${shot}-entry`);
	await panel.getByRole('button', { name: w.check }).click();
	const confirm = panel.getByTestId('counter-topup-confirm');
	await expect(confirm).toContainText(w.confirm);
	await screenshot(page, `${shot}-confirm`);
	// A double tap sends one top-up: the second lands on a busy button, and the key is one per confirmation.
	await confirm.getByRole('button', { name: w.button }).dblclick();
	await expect(panel.getByTestId('counter-topup-done')).toContainText(w.done);
	await screenshot(page, `${shot}-done`);
	await panel.getByRole('button', { name: w.finish }).click();
	await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
}

for (const [size, lang] of [
	[TABLET, 'en'],
	[PHONE, 'zh']
] as const) {
	test(`a cashier tops up a wallet by typed code at ${size.width}px in ${lang}, once; the customer's history, Today's line and the Day report show it`, async ({ page, browser, server }) => {
		await page.setViewportSize(size);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') {
			await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await page.reload();
			await expect(page.getByRole('group', { name: WORDS.zh.keypad })).toBeVisible();
		}
		// Bob's phone shows his wallet meanwhile: the top-up's event has it read again, with no reload.
		const phone = await browser.newPage({ viewport: PHONE });
		await openCustomerSignedIn(phone, server.url, 'bob', '2222');
		const shown = (minor: number) => `¥${(minor / 100).toFixed(2)}`;
		await expect(phone.getByTestId('balance')).toContainText(shown(before));
		const code = await api.payCode(server.url, bob);
		await topUpByTypedCode(page, lang, code, `counter-topup-${lang}`);
		expect(await api.balance(server.url, bob)).toBe(before + 10_000);
		await expect(phone.getByTestId('balance')).toContainText(shown(before + 10_000));

		// A code no one shows: said, and nothing added.
		await page.getByTestId('counter-topup-start').click();
		const panel = page.getByTestId('counter-topup');
		await panel.getByRole('button', { name: '¥100', exact: true }).click();
		await panel.getByLabel(WORDS[lang].code).fill('881234567890123456');
		await panel.getByLabel(WORDS[lang].code).press('Enter');
		await panel.getByRole('button', { name: WORDS[lang].check }).click();
		await expect(panel.getByRole('alert')).toContainText(WORDS[lang].unknown);
		await screenshot(page, `counter-topup-${lang}-unknown`);
		expect(await api.balance(server.url, bob)).toBe(before + 10_000);

		// Today's line says the cash taken for top-ups, which the cashier counts the drawer against: the Day report's figure.
		// (Both tests share the file's server: the second sees the first's top-up too.)
		await page.goto('/cashier/payments');
		const todayLine = page.getByTestId('payments-summary-topups');
		const line = lang === 'en' ? /^(\d+) top-ups? in cash: ¥(\d+)00\.00$/ : /^(\d+) 笔现金充值：¥(\d+)00\.00$/;
		await expect(todayLine).toHaveText(line);
		const [count, hundreds] = line.exec((await todayLine.textContent()) ?? '')!.slice(1).map(Number) as [number, number];
		// (Every top-up in this file is ¥100.00: one for each so far.)
		expect(hundreds).toBe(count);
		if (lang === 'en') {
			// A top-up at another till while Today is open: the line follows, with no reload.
			const till = await api.cashierSession(server.url);
			await api.created(server.url, till.token, '/topups', { code: await api.payCode(server.url, bob), amount: { amount: 10_000, currency: 'CNY' } });
			await expect(todayLine).toHaveText(`${count + 1} top-ups in cash: ¥${hundreds + 1}00.00`);
		}
		const toppedUp = /¥\d+\.00/.exec((await todayLine.textContent()) ?? '')![0];
		await screenshot(page, `counter-topup-${lang}-today`);
		// The other size too: a small phone (360 px) beside the tablet, and the tablet beside the phone.
		await page.setViewportSize(size === TABLET ? { width: 360, height: 740 } : TABLET);
		await expect(todayLine).toBeVisible();
		await screenshot(page, `counter-topup-${lang}-today`);
		await page.setViewportSize(size);

		// The Day report counts the cash taken for the top-up.
		await page.goto('/cashier/report');
		await expect(page.getByTestId('report-top-ups')).toContainText(lang === 'en' ? /\d top-ups? in cash/ : /\d 笔现金充值/);
		await expect(page.getByTestId('report-top-ups')).toContainText(toppedUp);
		await screenshot(page, `counter-topup-${lang}-day-report`);

		// Offline, the counter says top-ups need a connection, and offers none.
		await page.goto('/cashier');
		await page.context().setOffline(true);
		await expect(page.getByTestId('counter-topup-start')).toBeDisabled();
		await expect(page.getByText(lang === 'en' ? 'Top-ups need a connection' : '充值需要联网')).toBeVisible();
		await screenshot(page, `counter-topup-${lang}-offline`);
		await page.context().setOffline(false);

		// The customer's wallet history names the shop.
		if (lang === 'zh') {
			await phone.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await phone.reload();
		}
		await phone.goto('/customer/history');
		await expect(phone.getByTestId('history-topup').filter({ hasText: lang === 'en' ? 'Top-up at Demo Café' : '在Demo Café充值' }).first()).toContainText('¥100.00');
		await screenshot(phone, `counter-topup-${lang}-customer-history`);
		await phone.close();
	});
}

test('a top-up takes the code from a handheld scanner, and none of its digits reach the amount', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	await page.getByTestId('counter-topup-start').click();
	const panel = page.getByTestId('counter-topup');
	await panel.getByRole('button', { name: '¥100', exact: true }).click();
	const code = await api.payCode(server.url, bob);
	await scanWithHandheld(page, code);
	// The scanned code is the top-up's, not a sale's; the amount keyed before it stays as it was.
	await expect(panel.getByTestId('pending-code')).toContainText(code.slice(-4));
	await panel.getByRole('button', { name: WORDS.en.check }).click();
	const confirm = panel.getByTestId('counter-topup-confirm');
	await expect(confirm).toContainText(WORDS.en.confirm);
	await confirm.getByRole('button', { name: WORDS.en.button }).click();
	await expect(panel.getByTestId('counter-topup-done')).toContainText(WORDS.en.done);
	expect(await api.balance(server.url, bob)).toBe(before + 10_000);
});
