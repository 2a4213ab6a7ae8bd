/**
 * Enter on a keyboard charges at the counter, whatever was clicked just before: a quick amount, or "Use code"
 * after typing the code the customer read out. A clicked button used to keep the focus, and Enter then pressed
 * it again (the same quick amount again; "Use code" with an empty field, "A payment code has exactly 18 digits"), not Charge.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn } from './support/pages';

test('Enter after clicking a quick amount charges it', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	const field = page.getByLabel('Or type the code');
	await field.fill(await api.payCode(server.url, bob));
	await field.press('Enter');
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name: '¥20' }).click();
	await expect(page.getByTestId('amount-display')).toHaveText('¥20');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥20.00');
	expect(await api.balance(server.url, bob)).toBe(before - 2000);
});

test('Enter after clicking "Use code" and keying the amount charges it', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	const field = page.getByLabel('Or type the code');
	await field.fill(await api.payCode(server.url, bob));
	await page.getByRole('button', { name: 'Use code' }).click();
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await page.keyboard.type('9.5');
	await expect(page.getByTestId('amount-display')).toHaveText('¥9.5');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥9.50');
	await expect(page.getByText('A payment code has exactly 18 digits.')).toHaveCount(0);
	expect(await api.balance(server.url, bob)).toBe(before - 950);
});
