/**
 * A cashier on a keyboard keys the next customer's amount as soon as the last code is scanned, while its charge is
 * still on its way (a second on a slow café network). Those keys are not taken (the amount on screen is the one being
 * charged), and nothing showed it: "25" typed across the moment the answer came gave ¥5, and the next customer's
 * scan charged ¥5 for a ¥25 order. A key pressed while a charge is sent shakes the amount, as any key the amount
 * refuses does, so the cashier sees it was not taken.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { countShakes, holdRequests, openCounterSignedIn, scanWithHandheld } from './support/pages';

test('a key of the next amount pressed while a charge is sent is shown refused, and the charge is unchanged', async ({ page, server }) => {
	const first = await newCustomer(server.url, uniqueHandle('first'), 50_000);
	const second = await newCustomer(server.url, uniqueHandle('second'), 50_000);
	await openCounterSignedIn(page, server.url);
	const display = page.getByTestId('amount-display');
	const shakes = await countShakes(page);

	const release = await holdRequests(page, '**/api/payments');
	await page.keyboard.press('3');
	await page.keyboard.press('0');
	await scanWithHandheld(page, await api.payCode(server.url, first));
	const sending = page.getByRole('status').filter({ hasText: 'Charging ¥30.00' });
	await expect(sending).toBeVisible();
	// A person's key comes well after a scanner's last digit: keys within SCANNER_KEY_GAP_MS (50 ms) of the one before
	// are taken for the scanner's and not shaken at, and "Charging" can be on screen sooner than that after the scan.
	await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
	const before = await shakes();
	await page.keyboard.press('2');
	await expect.poll(shakes).toBe(before + 1);
	await expect(display).toHaveText('¥30');
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥30.00');

	// Keyed again once paid, the amount is what was keyed then.
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await expect(display).toHaveText('¥25');
	await scanWithHandheld(page, await api.payCode(server.url, second));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	expect(await api.balance(server.url, first)).toBe(50_000 - 3_000);
	expect(await api.balance(server.url, second)).toBe(50_000 - 2_500);
});
