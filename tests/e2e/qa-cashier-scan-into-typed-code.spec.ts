/**
 * The cashier began typing the code the customer read out ("Or type the code"), or typed one digit short and got "A
 * payment code has exactly 18 digits" (the field keeps the focus and the wrong digits), and the customer then holds the
 * phone to the handheld scanner. The scan's digits went on after those already in the field, its Enter sent them all:
 * "exactly 18 digits" again, the scan lost, and the field to clear by hand before scanning once more. A scan into the
 * code field is the code: it takes the field's place.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, scanIntoFocusedField, screenshot } from './support/pages';

test('a scan into the code field after digits typed by hand is taken as the code', async ({ page, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('scan'), 50_000);
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '12');

	// A code typed one digit short, sent: refused, and the field keeps its digits and the focus.
	const field = page.getByLabel('Or type the code');
	await field.click();
	await page.keyboard.type('88123456789012345', { delay: 60 });
	await page.keyboard.press('Enter');
	await expect(page.getByText('A payment code has exactly 18 digits.')).toBeVisible();
	await expect(field).toBeFocused();

	// The customer scans instead.
	const code = await api.payCode(server.url, customer);
	await scanIntoFocusedField(page, code);
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥12.00');
	expect(await api.balance(server.url, customer)).toBe(50_000 - 1_200);
	await screenshot(page, 'qa-scan-into-typed-code');
});

test('a scan into the code field with no amount yet is taken, and a code typed by hand still works', async ({ page, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('scan'), 50_000);
	await openCounterSignedIn(page, server.url);
	const field = page.getByLabel('Or type the code');
	await field.click();
	await page.keyboard.type('4455', { delay: 60 });

	const scanned = await api.payCode(server.url, customer);
	await scanIntoFocusedField(page, scanned);
	await expect(page.getByTestId('pending-code')).toContainText(scanned.slice(-4));
	await expect(page.getByText('A payment code has exactly 18 digits.')).toBeHidden();
	await expect(field).toHaveValue('');

	// Typed by hand, at a person's pace, a code is still what was typed.
	await page.getByRole('button', { name: 'Discard' }).click();
	const typed = await api.payCode(server.url, customer);
	await field.click();
	await page.keyboard.type(typed, { delay: 60 });
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('pending-code')).toContainText(typed.slice(-4));
});
