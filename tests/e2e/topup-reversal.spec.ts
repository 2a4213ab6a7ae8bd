/**
 * A top-up at the counter keyed wrong (¥1,000 for ¥100) is reversed by a manager: Today's top-up line opens the day's
 * top-ups, the manager taps Reverse on the wrong one, reads "Take ¥1,000.00 back off bob's wallet — give the cash back
 * / it was never taken", confirms, and the row says reversed. The customer's phone shows the balance fall with no
 * reload, and their history says the shop reversed it; Today's line and the Day report count it. A cashier sees the
 * list and no Reverse. Before, nothing could undo a top-up.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { expectAccessible, openCounterSignedIn, openCustomerSignedIn, screenshot } from './support/pages';

const WORDS = {
	en: {
		keypad: 'Amount keypad',
		title: 'Top-ups at the counter',
		reverse: 'Reverse',
		confirm: (amount: string) => `Take ${amount} back off bob’s wallet — give the cash back / it was never taken`,
		button: (amount: string) => `Take ${amount} back`,
		done: (amount: string) => `${amount} taken back off bob’s wallet.`,
		reversed: /Reversed .* by owner/,
		todayLine: /^\d+ top-ups? in cash: ¥[\d,]+\.\d\d; ¥[\d,]+\.\d\d paid back: \d+ top-ups? reversed$/,
		dayReport: /top-ups? reversed by a manager/,
		history: 'Top-up reversed at Demo Café',
		spent: 'carol’s wallet holds only ¥10.00: the customer has spent some of the ¥30.00. Nothing was taken back.'
	},
	zh: {
		keypad: '金额键盘',
		title: '柜台充值',
		reverse: '撤销',
		confirm: (amount: string) => `从 bob 的钱包扣回 ${amount}——退还现金 / 或当初并未收款`,
		button: (amount: string) => `扣回 ${amount}`,
		done: (amount: string) => `已从 bob 的钱包扣回 ${amount}。`,
		reversed: /已于 .* 由 owner 撤销/,
		todayLine: /^\d+ 笔现金充值：¥[\d,]+\.\d\d；退还现金 ¥[\d,]+\.\d\d：撤销 \d+ 笔充值$/,
		dayReport: /店长撤销 \d+ 笔充值/,
		history: 'Demo Café已撤销充值',
		spent: ''
	}
} as const;

const shown = (minor: number) => `¥${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/** The top-up of `amount` for `handle` in the open list. */
const row = (page: Page, handle: string, amount: string) => page.getByTestId('topups-of-day').locator('li', { hasText: handle }).filter({ hasText: amount });

async function openTodaysTopUps(page: Page, lang: 'en' | 'zh') {
	await page.goto('/cashier/payments');
	await page.getByTestId('payments-summary-topups').click();
	await expect(page.getByRole('dialog', { name: WORDS[lang].title })).toBeVisible();
}

// The two languages' tests share the file's server: each reverses a top-up of its own amount.
for (const [size, lang, amountMinor] of [
	[TABLET, 'en', 100_000],
	[PHONE, 'zh', 80_000]
] as const) {
	test(`a manager reverses a top-up keyed wrong at ${size.width}px in ${lang}: the wallet, the phone, Today's line, the Day report and the history follow`, async ({ page, browser, server }) => {
		const w = WORDS[lang];
		const amount = shown(amountMinor);
		await page.setViewportSize(size);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const till = await api.cashierSession(server.url);
		await api.created(server.url, till.token, '/topups', { code: await api.payCode(server.url, bob), amount: { amount: amountMinor, currency: 'CNY' } });
		const before = await api.balance(server.url, bob);
		// Bob's phone shows his wallet meanwhile: the reversal's event has it read again, with no reload.
		const phone = await browser.newPage({ viewport: PHONE });
		await openCustomerSignedIn(phone, server.url, 'bob', '2222');
		await expect(phone.getByTestId('balance')).toContainText(shown(before));

		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		if (lang === 'zh') {
			await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await page.reload();
			await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
		}
		await openTodaysTopUps(page, lang);
		const wrong = row(page, 'bob', amount);
		await expect(wrong).toContainText('cashier-1');
		await screenshot(page, `topup-reversal-${lang}-list`);
		await wrong.getByRole('button', { name: new RegExp(w.reverse) }).click();
		const confirm = page.getByTestId('topup-reversal-confirm');
		await expect(confirm).toHaveText(w.confirm(amount));
		await screenshot(page, `topup-reversal-${lang}-confirm`);
		await expectAccessible(page, `top-up reversal confirm (${lang})`);
		// A double tap takes it back once: the second lands on a disabled button, and the key is one per confirmation.
		await page.getByTestId('topup-reversal-confirm-button').dblclick();
		await expect(page.getByRole('dialog', { name: w.title })).toContainText(w.done(amount));
		await expect(wrong.getByTestId('topup-reversed')).toHaveText(w.reversed);
		await expect(wrong.getByRole('button')).toHaveCount(0);
		await screenshot(page, `topup-reversal-${lang}-done`);
		expect(await api.balance(server.url, bob)).toBe(before - amountMinor);
		await expect(phone.getByTestId('balance')).toContainText(shown(before - amountMinor));

		// Today's line says the cash taken, then the cash paid back for the reversal, as the Day report does.
		await page.getByRole('dialog', { name: w.title }).getByRole('button', { name: lang === 'en' ? 'Close' : '关闭' }).click();
		await expect(page.getByTestId('payments-summary-topups')).toHaveText(w.todayLine);
		await screenshot(page, `topup-reversal-${lang}-today`);
		await page.goto('/cashier/report');
		await expect(page.getByTestId('report-top-ups-reversed')).toHaveText(w.dayReport);
		await screenshot(page, `topup-reversal-${lang}-day-report`);

		// The customer's history says the shop took it back.
		if (lang === 'zh') {
			await phone.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await phone.reload();
		}
		await phone.goto('/customer/history');
		await expect(phone.getByTestId('history-topup-reversal').filter({ hasText: w.history }).first()).toContainText(`−${amount}`);
		await screenshot(phone, `topup-reversal-${lang}-customer-history`);
		await phone.close();
	});
}

test('a reversal the wallet cannot cover is refused with what it holds, and nothing is taken back', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const till = await api.cashierSession(server.url);
	await api.created(server.url, till.token, '/topups', { code: await api.payCode(server.url, carol), amount: { amount: 3_000, currency: 'CNY' } });
	// Carol spends most of it: ¥20.00 + ¥30.00, less ¥40.00.
	await api.pay(server.url, till.token, await api.payCode(server.url, carol), 4_000);
	const before = await api.balance(server.url, carol);
	expect(before).toBe(1_000);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await openTodaysTopUps(page, 'en');
	await row(page, 'carol', '¥30.00').getByRole('button', { name: /Reverse/ }).click();
	await page.getByTestId('topup-reversal-confirm-button').click();
	await expect(page.getByRole('alert')).toContainText(WORDS.en.spent);
	await screenshot(page, 'topup-reversal-en-spent');
	expect(await api.balance(server.url, carol)).toBe(before);
});

test('a cashier sees the day’s top-ups, and no Reverse', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const till = await api.cashierSession(server.url);
	await api.created(server.url, till.token, '/topups', { code: await api.payCode(server.url, bob), amount: { amount: 1_200, currency: 'CNY' } });
	await openCounterSignedIn(page, server.url);
	await openTodaysTopUps(page, 'en');
	await expect(row(page, 'bob', '¥12.00')).toBeVisible();
	await expect(page.getByTestId('topup-reverse')).toHaveCount(0);
	await expect(page.getByTestId('topups-managers-only')).toBeVisible();
	await screenshot(page, 'topup-reversal-en-cashier-list');
});
