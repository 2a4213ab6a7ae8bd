/**
 * The shop's name typed for its sign-in handle ("Demo Cafe" for demo-cafe), or a customer's handle with a space in it,
 * was answered "Fill in every field: …" with every field filled and none marked. Now the field at fault is marked
 * invalid, says what is wrong under it in the user's words, and has the keyboard, before anything is sent; a field the
 * server names in its 400 is marked the same way. Capitals are not a mistake: the handle is lower-cased.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PHONE, TABLET } from './support/browser';
import { screenshot } from './support/pages';

/** Counts the sign-in requests the page sends. */
async function countSignIns(page: Page): Promise<() => number> {
	let sent = 0;
	page.on('request', (r) => {
		if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/sessions') sent++;
	});
	return () => sent;
}

/** The errors the page throws (a sign-in that went through once looked for its field at fault in a card gone). */
function pageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
	return errors;
}

test.describe('cashier', () => {
	test.use({ viewport: TABLET });

	test('the shop’s name for its handle: the Shop field is marked and says to type the handle, in both languages', async ({ page }) => {
		const sent = await countSignIns(page);
		const errors = pageErrors(page);
		await page.goto('/cashier');
		const shop = page.getByLabel('Shop');
		await shop.fill('Demo Cafe');
		await page.getByLabel('Cashier').fill('owner');
		await page.getByLabel('PIN').fill('9999');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(shop).toHaveAttribute('aria-invalid', 'true');
		await expect(shop).toBeFocused();
		await expect(shop).toHaveAccessibleDescription(
			'Type the shop’s sign-in handle, like demo-cafe, not its name: a–z, 0–9, dot, dash or underscore, with no spaces.'
		);
		await expect(page.getByLabel('Cashier')).not.toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText(/Fill in every field/)).toHaveCount(0);
		expect(sent()).toBe(0);
		await screenshot(page, 'qa-signin-shop-name');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'qa-signin-shop-name');
		await page.setViewportSize(TABLET);

		await page.getByRole('button', { name: /简体中文/ }).click();
		await expect(page.getByLabel('商户')).toHaveAccessibleDescription(/请输入商户的登录名（例如 demo-cafe），不是店名/);

		// Put right, with capitals (lower-cased, as the handle always was): signed in.
		await page.getByRole('button', { name: /English/ }).click();
		await shop.fill('Demo-Cafe');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: 'Counter' })).toBeAttached();
		expect(errors).toEqual([]);
	});

	test('a field the server names in its 400 is the one marked', async ({ page }) => {
		await page.route('**/api/sessions', (route) =>
			route.fulfill({
				status: 400,
				contentType: 'application/json',
				body: JSON.stringify({ error: { code: 'INVALID_REQUEST', message: 'handle: handles are 3–40 characters of a-z 0-9 . _ -', field: 'handle' } })
			})
		);
		await page.goto('/cashier');
		await page.getByLabel('Shop').fill('demo-cafe');
		await page.getByLabel('Cashier').fill('owner');
		await page.getByLabel('PIN').fill('9999');
		await page.getByRole('button', { name: 'Sign in' }).click();
		const cashier = page.getByLabel('Cashier');
		await expect(cashier).toHaveAttribute('aria-invalid', 'true');
		await expect(cashier).toBeFocused();
		await expect(cashier).toHaveAccessibleDescription('A handle is 3 to 40 characters: a–z, 0–9, dot, dash or underscore, with no spaces.');
		await expect(page.getByLabel('Shop')).not.toHaveAttribute('aria-invalid', 'true');
	});
});

test.describe('customer', () => {
	test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

	test('a handle with a space: the handle field is marked and says handles have no spaces; a short PIN, the PIN', async ({ page }) => {
		const sent = await countSignIns(page);
		const errors = pageErrors(page);
		await page.goto('/customer');
		const handle = page.getByLabel('Your handle');
		const pin = page.getByLabel('PIN');
		await handle.fill('alice smith');
		await pin.fill('1111');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(handle).toHaveAttribute('aria-invalid', 'true');
		await expect(handle).toBeFocused();
		await expect(handle).toHaveAccessibleDescription('A handle is 3 to 40 characters: a–z, 0–9, dot, dash or underscore, with no spaces.');
		await screenshot(page, 'qa-signin-customer-space');

		await handle.fill('Alice');
		await pin.fill('11');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(pin).toHaveAttribute('aria-invalid', 'true');
		await expect(pin).toBeFocused();
		await expect(pin).toHaveAccessibleDescription('A PIN is 4 to 12 digits.');
		await expect(handle).not.toHaveAttribute('aria-invalid', 'true');
		expect(sent()).toBe(0);

		await pin.fill('1111');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByTestId('balance')).toContainText('¥');
		expect(errors).toEqual([]);
	});

	test('sign-up: the field the server names in its 400 is marked, and the field at fault has the keyboard', async ({ page }) => {
		await page.goto('/customer');
		await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
		const card = page.getByRole('region', { name: 'Create your wallet' });
		const handle = card.getByLabel('Your handle');
		const pin = card.getByLabel('PIN', { exact: true });
		await handle.fill('my name');
		await pin.fill('4826');
		await card.getByLabel('PIN again').fill('4826');
		await card.getByRole('button', { name: 'Create wallet' }).click();
		await expect(handle).toHaveAttribute('aria-invalid', 'true');
		await expect(handle).toBeFocused();

		await page.route('**/api/customers', (route) =>
			route.fulfill({
				status: 400,
				contentType: 'application/json',
				body: JSON.stringify({ error: { code: 'INVALID_REQUEST', message: 'pin: a PIN is 4–12 digits', field: 'pin' } })
			})
		);
		await handle.fill('new-customer');
		await card.getByRole('button', { name: 'Create wallet' }).click();
		await expect(pin).toHaveAttribute('aria-invalid', 'true');
		await expect(pin).toBeFocused();
		await expect(pin).toHaveAccessibleDescription('A PIN is 4 to 12 digits.');
		await expect(card.getByText(/Fill in every field/)).toHaveCount(0);
	});
});
