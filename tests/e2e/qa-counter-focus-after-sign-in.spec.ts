/**
 * The keyboard right after signing in (QA review, 1024x768): the focus was on the page's body, not the amount. Digits
 * still worked (the counter listens on the page), but no ring showed where they went, and the first Tab went to the
 * top of the page. Now the counter starts with the amount focused, as it is back from an outcome: ringed after a
 * keyboard sign-in, read as "Amount", Tab on to the quick amounts. The same when the app opens already signed in. The
 * amount is a display (an <output>), not a field, so on a phone the focus opens no on-screen keyboard.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const amount = (page: Page) => page.getByTestId('amount-display');
const quickTen = (page: Page) => page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name: '¥10', exact: true });

async function fillSignIn(page: Page) {
	await page.goto('/cashier');
	await page.getByLabel('Shop').fill('demo-cafe');
	await page.getByLabel('Cashier').fill('cashier-1');
	await page.getByLabel('PIN').fill('1234');
}

test('signed in from the keyboard (Enter in the PIN), the amount has the focus, ringed; Tab goes on to ¥10', async ({ page }) => {
	await page.setViewportSize(TABLET);
	await fillSignIn(page);
	await page.getByLabel('PIN').press('Enter');
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect(amount(page)).toBeFocused();
	await expect(page.locator(':focus-visible')).toHaveAttribute('data-testid', 'amount-display');
	const ring = await amount(page).evaluate((el) => getComputedStyle(el.closest('.display')!).boxShadow);
	expect(ring, 'the amount’s box shows a focus ring').not.toBe('none');
	await expect(amount(page)).toHaveAccessibleName('Amount');
	await screenshot(page, 'qa-counter-focus-after-sign-in');
	await page.keyboard.type('12');
	await expect(amount(page)).toHaveText('¥12');
	await page.keyboard.press('Tab');
	await expect(quickTen(page)).toBeFocused();
});

test('signed in with a tap on "Sign in", the amount has the focus too: Tab starts there', async ({ page }) => {
	await page.setViewportSize(TABLET);
	await fillSignIn(page);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect(amount(page)).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(quickTen(page)).toBeFocused();
});

for (const size of [TABLET, PHONE]) {
	test(`opened already signed in (${size.width}px), the amount has the focus, and it is no field a phone would open its keyboard for`, async ({ page, server }) => {
		await page.setViewportSize(size);
		await openCounterSignedIn(page, server.url);
		await expect(amount(page)).toBeFocused();
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('OUTPUT');
		// The page did not scroll for it: the amount is at the top.
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
		await screenshot(page, 'qa-counter-focus-on-open');
	});
}

test('reloaded with a paid result on screen, "Next customer" keeps the focus the result gave it', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	const token = await newCustomer(server.url, uniqueHandle('focus'), 5_000);
	await openCounterSignedIn(page, server.url);
	await page.keyboard.type('8');
	await scanWithHandheld(page, await api.payCode(server.url, token));
	const next = page.getByTestId('charge-result').getByRole('button', { name: 'Next customer' });
	await expect(next).toBeFocused();
	await page.reload();
	await expect(next).toBeFocused();
});
