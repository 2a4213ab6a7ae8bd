/**
 * A cashier in China with the input method in full-width mode: the digits arrive as "６６１２…" (U+FF10–FF19), the
 * point as "．" or, in Chinese punctuation, "。". The code field said "A payment code has exactly 18 digits" and the
 * refund's part said it was not an amount, for what the cashier read off the phone and typed right. The same digits
 * are taken now.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, screenshot } from './support/pages';

/** Text as a full-width IME commits it: "12.5" is "１２．５". */
const fullWidth = (ascii: string) => ascii.replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

test('a code and a refund typed in full-width digits are taken', async ({ page, server }) => {
	const handle = uniqueHandle('fw');
	const customer = await newCustomer(server.url, handle, 50_000);
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '38');

	// The IME commits the whole group at once, with a full-width space between groups, as a person reads a code out.
	const code = await api.payCode(server.url, customer);
	const field = page.getByLabel('Or type the code');
	await field.click();
	await page.keyboard.insertText(`${fullWidth(code.slice(0, 6))}\u3000${fullWidth(code.slice(6))}`);
	await page.getByRole('button', { name: 'Use code' }).click();
	await expect(page.getByText('A payment code has exactly 18 digits.')).toBeHidden();
	// With the amount keyed, the code is the sale: it is charged.
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥38.00');
	expect(await api.balance(server.url, customer)).toBe(50_000 - 3_800);

	// A part refund of "１２。５" (the point in Chinese punctuation) on Today is ¥12.50.
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: new RegExp(`Details ${handle}`) }).click();
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).click();
	await page.keyboard.insertText('１２。５');
	await page.getByRole('button', { name: 'Refund…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Refund this payment?' });
	await expect(dialog).toContainText('Refund goods worth ¥12.50 of the ¥38.00 order?');
	await screenshot(page, 'qa-cashier-fullwidth-refund');
	await dialog.getByRole('button', { name: 'Refund ¥12.50' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Refunded.' })).toContainText('¥12.50');
	expect(await api.balance(server.url, customer)).toBe(50_000 - 3_800 + 1_250);
});
