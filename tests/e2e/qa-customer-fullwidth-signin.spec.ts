/**
 * A customer QA review: with a Chinese keyboard in full-width mode a handle arrives as "ＡＬＩＣＥ" and a PIN as
 * "１１１１" (U+FF21…, U+FF11…), which the sign-in refused at the handle ("A handle is 3 to 40 characters…"), while a
 * payment code or an amount typed so at the till was taken (qa-cashier-fullwidth-digits.spec.ts). They are read as
 * the letters and digits they show now, at sign-in and when a wallet is made.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { uniqueHandle } from './support/customers';
import { screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** Text as a full-width IME commits it: "alice1" is "ａｌｉｃｅ１", "ALICE" is "ＡＬＩＣＥ". */
const fullWidth = (ascii: string) => ascii.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

test('a handle and a PIN typed in full-width letters and digits sign in', async ({ page }) => {
	await page.goto('/customer');
	const handle = page.getByLabel('Your handle');
	await handle.click();
	await page.keyboard.insertText(fullWidth('ALICE'));
	await page.getByLabel('PIN').click();
	await page.keyboard.insertText(fullWidth('1111'));
	await screenshot(page, 'qa-customer-fullwidth-signin');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(handle).toBeHidden();
	await expect(page.getByTestId('balance')).toContainText('¥');
	await expect(page.getByText('A handle is 3 to 40 characters', { exact: false })).toHaveCount(0);
});

test('a wallet made with a full-width handle and PIN is the ASCII one, and signs in so', async ({ page, server }) => {
	const name = uniqueHandle('fw');
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	await expect(page.getByRole('heading', { name: 'Create your wallet' })).toBeVisible();
	await page.getByLabel('Your handle').click();
	await page.keyboard.insertText(fullWidth(name.toUpperCase()));
	await page.getByLabel('PIN', { exact: true }).click();
	await page.keyboard.insertText(fullWidth('4826'));
	await page.getByLabel('PIN again').click();
	await page.keyboard.insertText(fullWidth('4826'));
	await page.getByRole('button', { name: 'Create wallet' }).click();
	await expect(page.getByTestId('balance')).toContainText('¥0.00');
	// The wallet's handle and PIN are the ASCII ones: signing in with them as typed on any keyboard works.
	expect(await api.customerToken(server.url, name, '4826')).toBeTruthy();
});
