/**
 * The decline's "Top up with cash" (balance too low), against the decline's other way out, "Paid in cash":
 * 1. while a cash note is being sent, the decline's ways on wait for it: a top-up then kept the amount, the note
 *    still landed (the day report counting the cash), and the amount was charged to the wallet after the top-up;
 * 2. a top-up whose screen cannot be loaded brings the counter back, saying so, with the kept amount (it was a
 *    blank panel with no way back);
 * 3. a top-up given up ("Back to sales") leaves the declined amount keyed and no code: the next code charges it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

async function shot(page: Page, name: string) {
	if (process.env.SCREENSHOTS === '0') return;
	const dir = join('test-results', 'screenshots');
	mkdirSync(dir, { recursive: true });
	const { width, height } = page.viewportSize()!;
	await page.screenshot({ path: join(dir, `qa-decline-topup-${name}-${width}x${height}.png`) });
}

/** Carol's sale of ¥(her balance + 30) declined as balance too low; returns its amount in minor units. */
async function carolDeclined(page: Page, base: string): Promise<number> {
	const carol = await api.customerToken(base, 'carol', '3333');
	const amount = (await api.balance(base, carol)) + 3_000;
	const pad = page.getByRole('group', { name: /^(Amount keypad|金额键盘)$/ });
	for (const ch of String(amount / 100)) await pad.getByRole('button', { name: ch, exact: true }).click();
	const field = page.getByLabel(/Or type the code|或手动输入付款码/);
	await field.fill(await api.payCode(base, carol));
	await field.press('Enter');
	await expect(page.getByTestId('declined-topup')).toBeVisible();
	return amount;
}

test('1. while "Paid in cash" is being sent, the decline’s top-up, new code and cancel wait for it', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await carolDeclined(page, server.url);
	const declined = page.getByTestId('charge-declined');
	const topUp = declined.getByTestId('declined-topup');
	await declined.getByRole('button', { name: 'Paid in cash' }).click();
	// The form open: the counter would keep nothing for a top-up, so its button does not offer one.
	await expect(topUp).toBeDisabled();
	await declined.getByLabel('Note').fill('Carol paid in cash');
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	let held = 0;
	await page.route(/\/api\/payments\/[^/]+\/paid-in-cash$/, async (route) => {
		held++;
		await released;
		await route.continue();
	});
	await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await expect.poll(() => held).toBe(1);
	// The note is on its way and will land: no other way on until it has.
	await expect(topUp).toBeDisabled();
	await expect(declined.getByRole('button', { name: 'Scan a new code' })).toBeDisabled();
	await expect(declined.getByRole('button', { name: 'Type a code' })).toBeDisabled();
	await expect(declined.getByRole('button', { name: 'Cancel sale' })).toBeDisabled();
	// Escape (the keyboard's "Cancel sale") is not taken either.
	await page.keyboard.press('Escape');
	await expect(declined).toBeVisible();
	await shot(page, 'cash-sending-en');
	release();
	await expect(declined.getByTestId('paid-in-cash-note')).toContainText('Carol paid in cash');
	await expect(page.getByTestId('counter-topup')).toHaveCount(0);
});

test('1, screens: the decline waiting for its cash note, at 390px in Chinese', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	await openCounterSignedIn(page, server.url);
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await carolDeclined(page, server.url);
	const declined = page.getByTestId('charge-declined');
	await declined.getByRole('button', { name: '已付现金' }).click();
	await declined.getByLabel('备注').fill('顾客付了现金');
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/api\/payments\/[^/]+\/paid-in-cash$/, async (route) => {
		await released;
		await route.continue();
	});
	await declined.getByRole('button', { name: '标记为已付现金' }).click();
	await expect(declined.getByRole('button', { name: '扫描新的付款码' })).toBeDisabled();
	await expect(declined.getByTestId('declined-topup')).toBeDisabled();
	await shot(page, 'cash-sending-zh');
	release();
	await expect(declined.getByTestId('paid-in-cash-note')).toBeVisible();
});

test('1b. the form closed again, "Top up with cash" keeps the amount and opens the top-up', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await carolDeclined(page, server.url);
	const declined = page.getByTestId('charge-declined');
	await declined.getByRole('button', { name: 'Paid in cash' }).click();
	await expect(declined.getByTestId('declined-topup')).toBeDisabled();
	await declined.getByRole('button', { name: 'Cancel', exact: true }).click();
	await declined.getByTestId('declined-topup').click();
	await expect(page.getByTestId('counter-topup')).toBeVisible();
});

for (const [lang, size] of [
	['en', TABLET],
	['zh', PHONE]
] as const) {
	test(`2. a top-up whose screen cannot be loaded brings the counter back, saying so (${lang}, ${size.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(size);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') {
			await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await page.reload();
		}
		// The top-up's chunk (it alone carries its test id) fails to load, as with the network gone.
		let aborted = 0;
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			if (body.includes('counter-topup-confirm')) {
				aborted++;
				return route.abort('internetdisconnected');
			}
			await route.fulfill({ response, body });
		});
		const amount = await carolDeclined(page, server.url);
		await page.getByTestId('declined-topup').click();
		const failed = page.getByTestId('topup-failed');
		await expect(failed).toContainText(lang === 'en' ? 'The top-up could not be opened' : '无法打开充值');
		expect(aborted).toBeGreaterThan(0);
		// The sale is back with the declined amount, for the customer's code after a top-up; the used code is not.
		await expect(page.locator('output').first()).toContainText(String(amount / 100));
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
		await expect(page.getByTestId('counter-topup')).toHaveCount(0);
		await shot(page, `not-loaded-${lang}`);
		await failed.getByRole('button').click();
		await expect(failed).toHaveCount(0);
	});
}

test('3. a top-up given up leaves the declined amount keyed and no code; the next code charges it', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const dave = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	const amount = await carolDeclined(page, server.url);
	await page.getByTestId('declined-topup').click();
	const panel = page.getByTestId('counter-topup');
	await panel.getByRole('button', { name: 'Back to sales' }).click();
	await expect(panel).toHaveCount(0);
	await expect(page.locator('output').first()).toContainText(String(amount / 100));
	await expect(page.getByTestId('pending-code')).toHaveCount(0);
	await expect(page.getByTestId('charge-declined')).toHaveCount(0);
	await shot(page, 'given-up-en');
	// Carol's balance is unchanged: nothing was topped up or charged.
	const before = await api.balance(server.url, carol);
	const bobBefore = await api.balance(server.url, dave);
	const field = page.getByLabel('Or type the code');
	await field.fill(await api.payCode(server.url, dave));
	await field.press('Enter');
	await expect(page.getByTestId('charge-result').or(page.getByTestId('charge-declined'))).toBeVisible();
	expect(await api.balance(server.url, carol)).toBe(before);
	if (bobBefore >= amount) expect(await api.balance(server.url, dave)).toBe(bobBefore - amount);
});
