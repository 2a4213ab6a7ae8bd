/**
 * Enter on a keyboard charges at the counter, whatever was clicked just before: a quick amount, or "Use code"
 * after typing the code the customer read out. A clicked button used to keep the focus, and Enter then pressed
 * it again (the same quick amount again; "Use code" with an empty field, "A payment code has exactly 18 digits"), not Charge.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { keyAmount, openCounterSignedIn, scanWithHandheld } from './support/pages';

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

/**
 * A quick amount is a whole price: a digit after it starts a new amount (¥20, then 5, made ¥205, ten times what
 * either tap meant). The decimal point goes on from it, and a scan after it is charged the quick amount.
 */
test('a digit after a quick amount starts a new amount; a point goes on from it; a scan charges it', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	const quick = (name: string) => page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name, exact: true }).click();
	const display = page.getByTestId('amount-display');

	await quick('¥20');
	await page.keyboard.press('5');
	await expect(display).toHaveText('¥5');
	await page.keyboard.press('0');
	await expect(display).toHaveText('¥50');

	await quick('¥20');
	await keyAmount(page, '5');
	await expect(display).toHaveText('¥5');

	await quick('¥20');
	await keyAmount(page, '.5');
	await expect(display).toHaveText('¥20.5');

	await quick('¥10');
	await page.keyboard.press('Backspace');
	await expect(display).toHaveText('¥1');

	await quick('¥20');
	await scanWithHandheld(page, await api.payCode(server.url, bob));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥20.00');
	expect(await api.balance(server.url, bob)).toBe(before - 2000);
});
