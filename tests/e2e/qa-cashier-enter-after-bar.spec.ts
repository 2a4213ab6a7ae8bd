/**
 * Enter on a keyboard charges at the counter after a button of the bar was tapped: the language switch, or "Stay
 * signed in" (which gives the focus back to "Sign out"). The tapped button kept the focus, and Enter pressed it
 * again: the language flipped back, or the sign-out question came up again, and the customer was not charged.
 * A button reached with Tab still takes Enter, as a keyboard user expects.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn } from './support/pages';

/**
 * A sale sent at the counter, and the queue sent by the sync engine: holding the first alone, the engine's retry sent
 * the queued sale a few seconds later on a slow machine, and Sign out then had nothing to ask about.
 */
const PAYMENT_POSTS = /\/api\/payments(\/batch)?$/;

/** A handheld scanner's digits and Enter, arriving at whatever has the focus (a scanner does not move it). */
async function scanWhereFocused(page: Page, code: string): Promise<void> {
	await page.evaluate((digits) => {
		const target = document.activeElement ?? document.body;
		for (const key of [...digits, 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
	}, code);
}

test('Enter after tapping the language switch charges, and the language stays', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await scanWhereFocused(page, await api.payCode(server.url, bob));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await page.keyboard.type('12');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥12.00');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	expect(await api.balance(server.url, bob)).toBe(before - 1200);
});

test('Enter after "Stay signed in" charges, instead of asking about signing out again', async ({ page, server }) => {
	const [alice, carol] = await Promise.all([api.customerToken(server.url, 'alice', '1111'), api.customerToken(server.url, 'carol', '3333')]);
	const before = await api.balance(server.url, carol);
	await openCounterSignedIn(page, server.url);
	// Alice's sale gets no answer: it waits in the outbox, so signing out asks first.
	let held = true;
	await page.route(PAYMENT_POSTS, (route) => (held && route.request().method() === 'POST' ? route.abort('timedout') : route.continue()));
	await page.keyboard.type('5');
	await scanWhereFocused(page, await api.payCode(server.url, alice));
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	await page.getByRole('button', { name: 'Sign out' }).click();
	const ask = page.getByRole('dialog', { name: 'Payments not sent yet' });
	await ask.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(ask).toBeHidden();
	held = false;

	await scanWhereFocused(page, await api.payCode(server.url, carol));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await page.keyboard.type('3');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥3.00');
	await expect(ask).toBeHidden();
	expect(await api.balance(server.url, carol)).toBe(before - 300);
});

test('a button reached with Tab still takes Enter', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await scanWhereFocused(page, await api.payCode(server.url, bob));
	await page.keyboard.type('4');
	// The keyboard, on the amount since the counter opened (the tap left it there), goes back to the switch with
	// Shift+Tab: the keyboard user chose it.
	const toggle = page.getByRole('button', { name: /切换语言为/ });
	await expect(page.getByTestId('amount-display')).toBeFocused();
	for (let i = 0; i < 5 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
	await expect(toggle).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('charge-result')).toBeHidden();
	await expect(page.getByTestId('amount-display')).toHaveText('¥4');
});

test('with a sale ready, Enter in the sign-out question answers it and charges nothing behind it', async ({ page, server }) => {
	const [alice, carol] = await Promise.all([api.customerToken(server.url, 'alice', '1111'), api.customerToken(server.url, 'carol', '3333')]);
	const before = await api.balance(server.url, carol);
	await openCounterSignedIn(page, server.url);
	// Alice's sale gets no answer: it waits in the outbox, so signing out asks first.
	await page.route(PAYMENT_POSTS, (route) => (route.request().method() === 'POST' ? route.abort('timedout') : route.continue()));
	await page.keyboard.type('5');
	await scanWhereFocused(page, await api.payCode(server.url, alice));
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	// Carol's sale is ready to charge when the cashier taps Sign out.
	await scanWhereFocused(page, await api.payCode(server.url, carol));
	await page.keyboard.type('3');
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	const ask = page.getByRole('dialog', { name: 'Payments not sent yet' });
	await expect(ask.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(ask).toBeHidden();
	// Nothing was charged behind the question: Carol's sale is still on the counter, her wallet untouched.
	await expect(page.getByTestId('amount-display')).toHaveText('¥3');
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await expect(page.getByTestId('charge-queued')).toBeHidden();
	expect(await api.balance(server.url, carol)).toBe(before);
});
