/**
 * Offline, the cashier types the customer's code and slips on a digit: the sale is queued, and declined when the network
 * is back. The declined list said only "That is not a live payment code." under "Scanned 14:02", and Charge again
 * opened an empty field: the cashier could not tell a slip of the finger from a bad code, had not the digits typed to
 * check, and had to ask for all 18 again. A typed code that names no customer is now said to be most likely mistyped,
 * with its digits, and "Correct the code" opens them in the field to fix. A scanned code that names no one is
 * listed as before (a scanner reads what the phone shows).
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

/** The code with its sixth digit changed: a slip of the finger, no customer's code. */
const slip = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 1) % 10) + code.slice(6);
const grouped = (code: string) => code.match(/.{1,3}/g)!.join(' ');

test('a code mistyped offline is listed as mistyped, with its digits to correct, and charged once corrected', async ({ browser, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('typed'), 50_000);
	const ctx = await browser.newContext({ viewport: PHONE, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	const good = await api.payCode(server.url, customer);
	const typed = slip(good);
	const scannedUnknown = '9'.repeat(18);

	await ctx.setOffline(true);
	await page.keyboard.press('8');
	const field = page.getByLabel('Or type the code');
	await field.fill(typed);
	await field.press('Enter');
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	await page.keyboard.press('5');
	await scanWithHandheld(page, scannedUnknown);
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	await ctx.setOffline(false);

	const rows = page.getByTestId('declined-entry');
	await expect(rows).toHaveCount(2);
	// Shown, the two would push the keypad's last row off the phone's screen: the list is folded to its line; Show opens it.
	await expect(rows.first()).toBeHidden();
	await page.getByTestId('declined-after-sync').getByRole('button', { name: 'Show', expanded: false }).click();
	const typedRow = rows.filter({ hasText: '¥8.00' });
	const scannedRow = rows.filter({ hasText: '¥5.00' });
	await expect(typedRow.getByTestId('declined-reason')).toHaveText(
		`The code typed, ${grouped(typed)}, is no customer’s code: most likely a digit was mistyped.`
	);
	await expect(typedRow).toContainText('Typed ');
	// Scanned, it is not a slip of the finger: listed as before.
	await expect(scannedRow.getByTestId('declined-reason')).toHaveText('That is not a live payment code.');
	await expect(scannedRow).toContainText('Scanned ');
	await expect(scannedRow.getByRole('button', { name: 'Charge again' })).toBeVisible();
	await screenshot(page, 'qa-offline-mistyped-code');

	// Meanwhile the customer's phone has replaced its code, as it does before a code's minute is up: the code shown
	// when the sale was taken no longer pays now. Corrected, it is still judged as of when it was taken.
	const fresh = await api.payCode(server.url, customer);
	expect(fresh).not.toBe(good);

	// The customer is still here: the cashier corrects the digit in what was typed.
	await typedRow.getByRole('button', { name: 'Correct the code' }).click();
	const again = typedRow.getByLabel('The code, corrected (or a fresh one from the customer)');
	await expect(again).toBeFocused();
	await expect(again).toHaveValue(grouped(typed));
	await again.fill(grouped(good));
	await typedRow.getByRole('button', { name: 'Charge ¥8.00' }).click();
	await expect(page.getByTestId('charged-again')).toContainText('Paid ¥8.00');
	await expect(rows).toHaveCount(1);
	expect(await api.balance(server.url, customer)).toBe(50_000 - 800);
	await ctx.close();
});
