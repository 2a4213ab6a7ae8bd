/**
 * A top-up opened from a "Balance too low" decline, then the sale (QA review): carol, with ¥20, tries ¥35, is ¥15.00
 * short, tops up ¥15.00 in cash with her new code, and the sale was left keyed with no code ("Now scan the customer's
 * code"), though the code the top-up read was still live: a top-up only reads a code (POST /api/topups never uses it
 * up), so it pays the sale. Now the top-up's result offers "Charge ¥35.00 to carol" first, which charges the sale to
 * that code with one tap; its Done goes back to the sale with that code taken, waiting for Charge (nothing charged
 * without the cashier's tap). Her wallet is charged once, the sale's amount.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const WORDS = {
	en: {
		keypad: 'Amount keypad',
		code: 'Or type the code',
		short: '¥15.00\u00a0short',
		topUp: 'Top up ¥15.00 with cash',
		check: 'Top up ¥15.00',
		button: 'Cash received: add ¥15.00',
		waiting: 'The ¥35.00 sale is waiting. The code just scanned pays it: no new scan needed.',
		charge: (handle: string) => `Charge ¥35.00 to ${handle}`,
		done: 'Done',
		saleCharge: 'Charge ¥35.00'
	},
	zh: {
		keypad: '金额键盘',
		code: '或手动输入付款码',
		short: '还差 ¥15.00',
		topUp: '收现金充值 ¥15.00',
		check: '充值 ¥15.00',
		button: '已收现金：充值 ¥15.00',
		waiting: '待收款 ¥35.00：用刚才扫描的付款码即可收款，无需再次扫码。',
		charge: (handle: string) => `向 ${handle} 收款 ¥35.00`,
		done: '完成',
		saleCharge: '收款 ¥35.00'
	}
} as const;

/** The customer's payments as the server has them: "succeeded:3500", "declined:3500". */
async function paymentsOf(base: string, token: string): Promise<string[]> {
	const res = await fetch(`${base}/api/payments?limit=50`, { headers: { Authorization: `Bearer ${token}` } });
	const { payments } = (await res.json()) as { payments: { status: string; amount: { amount: number } }[] };
	return payments.map((p) => `${p.status}:${p.amount.amount}`).sort();
}

/**
 * A ¥35.00 sale to a customer holding ¥20.00, declined ¥15.00 short; its top-up opened, ¥15.00 keyed, the customer's new
 * code scanned (handheld) and the cash confirmed. Returns the customer's token and handle.
 */
async function shortThenToppedUp(page: Page, base: string, lang: 'en' | 'zh') {
	const w = WORDS[lang];
	const handle = uniqueHandle('carol');
	const carol = await newCustomer(base, handle, 2_000);
	await openCounterSignedIn(page, base);
	if (lang === 'zh') {
		await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
		await page.reload();
		await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
	}
	const pad = page.getByRole('group', { name: w.keypad });
	await pad.getByRole('button', { name: '3', exact: true }).click();
	await pad.getByRole('button', { name: '5', exact: true }).click();
	const field = page.getByLabel(w.code);
	await field.fill(await api.payCode(base, carol));
	await field.press('Enter');
	const declined = page.getByTestId('charge-declined');
	await expect(declined.getByTestId('declined-customer')).toContainText(`${handle} · ${w.short}`);
	await declined.getByRole('button', { name: w.topUp }).click();
	const panel = page.getByTestId('counter-topup');
	await expect(panel.getByTestId('amount-display')).toContainText('15');
	// The customer's phone shows a new code (the declined one is used up): scanned for the top-up.
	const code = await api.payCode(base, carol);
	await scanWithHandheld(page, code);
	await expect(panel.getByTestId('pending-code')).toContainText(code.slice(-4));
	await panel.getByRole('button', { name: w.check }).click();
	await panel.getByTestId('counter-topup-confirm').getByRole('button', { name: w.button }).click();
	const done = panel.getByTestId('counter-topup-done');
	await expect(done).toBeVisible();
	expect(await api.balance(base, carol)).toBe(3_500);
	return { carol, handle, code, panel, done };
}

for (const [size, lang] of [
	[TABLET, 'en'],
	[PHONE, 'zh']
] as const) {
	test(`after a top-up from a decline, "Charge ¥35.00 to carol" charges the sale to the code the top-up read, once (${lang}, ${size.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(size);
		const w = WORDS[lang];
		const { carol, handle, done } = await shortThenToppedUp(page, server.url, lang);
		await expect(done.getByTestId('counter-topup-sale')).toHaveText(w.waiting);
		const charge = done.getByRole('button', { name: w.charge(handle) });
		// First, with the focus: Enter would charge it as a tap does.
		await expect(charge).toBeFocused();
		await expect(charge).toBeInViewport();
		await screenshot(page, `qa-topup-then-charge-${lang}-done`);
		// Nothing is charged before the cashier's tap.
		expect(await paymentsOf(server.url, carol)).toEqual(['declined:3500']);
		await charge.click();
		const result = page.getByTestId('charge-result');
		await expect(result).toBeVisible();
		await expect(result).toContainText(handle);
		await expect(result).toContainText('¥35.00');
		await screenshot(page, `qa-topup-then-charge-${lang}-paid`);
		// Charged exactly once, the sale's amount: ¥20 + ¥15 − ¥35.
		expect(await api.balance(server.url, carol)).toBe(0);
		expect(await paymentsOf(server.url, carol)).toEqual(['declined:3500', 'succeeded:3500']);
	});
}

for (const [size, lang] of [
	[PHONE, 'en'],
	[TABLET, 'zh']
] as const) {
	test(`the top-up's Done goes back to the sale with the top-up's code taken, charged only by Charge (${lang}, ${size.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(size);
		const w = WORDS[lang];
		const { carol, handle, code, panel, done } = await shortThenToppedUp(page, server.url, lang);
		await done.getByRole('button', { name: w.done, exact: true }).click();
		await expect(panel).toHaveCount(0);
		// The sale: its amount and the code the top-up read, waiting for Charge; no "Now scan the customer's code".
		await expect(page.getByTestId('amount-display')).toContainText('35');
		await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
		const chargeButton = page.getByRole('button', { name: w.saleCharge, exact: true });
		await expect(chargeButton).toBeEnabled();
		await screenshot(page, `qa-topup-then-charge-${lang}-back-to-sale`);
		expect(await paymentsOf(server.url, carol)).toEqual(['declined:3500']);
		expect(await api.balance(server.url, carol)).toBe(3_500);
		await chargeButton.click();
		await expect(page.getByTestId('charge-result')).toContainText(handle);
		expect(await api.balance(server.url, carol)).toBe(0);
		expect(await paymentsOf(server.url, carol)).toEqual(['declined:3500', 'succeeded:3500']);
	});
}

test('a top-up opened from the counter, with no declined sale waiting, ends as before: Done, no charge offered', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const bob = await newCustomer(server.url, uniqueHandle('bob'), 0);
	await openCounterSignedIn(page, server.url);
	await page.getByTestId('counter-topup-start').click();
	const panel = page.getByTestId('counter-topup');
	await panel.getByRole('button', { name: '¥50', exact: true }).click();
	await scanWithHandheld(page, await api.payCode(server.url, bob));
	await panel.getByRole('button', { name: 'Top up ¥50.00' }).click();
	await panel.getByRole('button', { name: 'Cash received: add ¥50.00' }).click();
	const done = panel.getByTestId('counter-topup-done');
	await expect(done.getByRole('button', { name: 'Done' })).toBeFocused();
	await expect(done.getByTestId('counter-topup-sale')).toHaveCount(0);
	await expect(done.getByTestId('counter-topup-charge-sale')).toHaveCount(0);
	await done.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByTestId('pending-code')).toHaveCount(0);
	expect(await api.balance(server.url, bob)).toBe(5_000);
});

test('a code scanned while the top-up was shown done is the next sale’s: the sale is charged to the top-up’s code', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const { carol, handle, done } = await shortThenToppedUp(page, server.url, 'en');
	// The next customer in the queue, read by a stand scanner while carol's top-up is on screen: held, and said.
	const next = await newCustomer(server.url, uniqueHandle('next'), 10_000);
	const nextCode = await api.payCode(server.url, next);
	await scanWithHandheld(page, nextCode);
	await expect(page.getByTestId('counter-topup').getByText('Next code held')).toBeVisible();
	await done.getByRole('button', { name: WORDS.en.charge(handle) }).click();
	const result = page.getByTestId('charge-result');
	await expect(result).toContainText(handle);
	expect(await api.balance(server.url, carol)).toBe(0);
	// Held for the next sale, not charged carol's amount.
	expect(await api.balance(server.url, next)).toBe(10_000);
	await result.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('pending-code')).toContainText(nextCode.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
});
