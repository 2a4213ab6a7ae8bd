/**
 * A sale being entered (the amount keyed, the customer's code taken) while the cashier opens Today to look something
 * up: back at the counter, the sale is as it was, and Enter charges it. It used to be gone: the amount was ¥0 and the
 * customer was asked for their code again. Signing out drops it (it is not the next cashier's sale), and a code
 * scanned on Today still opens the counter with only that code, the amount to key.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

for (const viewport of [TABLET, PHONE]) {
	test(`the sale being entered is still there after a look at Today (${viewport.width}px)`, async ({ browser, server }) => {
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		const code = await api.payCode(server.url, bob);
		await scan(page, code);
		await page.keyboard.type('38.5');
		await page.getByRole('link', { name: 'Today' }).click();
		await expect(page.getByRole('heading', { name: 'Today’s payments' })).toBeVisible();
		await page.getByRole('link', { name: 'Counter' }).click();

		await expect(page.getByTestId('amount-display')).toHaveText('¥38.5');
		await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
		await screenshot(page, 'cashier-sale-kept');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥38.50');
		expect(await api.balance(server.url, bob)).toBe(before - 3850);
		await ctx.close();
	});
}

test('signing out (asked first) drops the sale being entered', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	const code = await api.payCode(server.url, bob);
	await scan(page, code);
	await page.keyboard.type('12');
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: 'Sign out' }).click();
	const ask = page.getByRole('dialog', { name: 'A sale is not finished' });
	await expect(ask).toContainText(`¥12.00 is keyed, with the customer’s code ending ${code.slice(-4)}, and not charged yet.`);
	await ask.getByRole('button', { name: 'Sign out anyway' }).click();
	await page.getByLabel('Shop').fill('demo-cafe');
	await page.getByLabel('Cashier').fill('cashier-1');
	await page.getByLabel('PIN').fill('1234');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByRole('link', { name: 'Counter' }).click();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	await expect(page.getByTestId('pending-code')).toBeHidden();
});

test('a code scanned on Today opens the counter with that code only, the amount still to key', async ({ page, server }) => {
	const [alice, bob] = await Promise.all([api.customerToken(server.url, 'alice', '1111'), api.customerToken(server.url, 'bob', '2222')]);
	await openCounterSignedIn(page, server.url);
	await scan(page, await api.payCode(server.url, bob));
	await page.keyboard.type('12');
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByRole('heading', { name: 'Today’s payments' })).toBeVisible();
	const aliceCode = await api.payCode(server.url, alice);
	await scan(page, aliceCode);
	await expect(page.getByTestId('pending-code')).toContainText(aliceCode.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
});
