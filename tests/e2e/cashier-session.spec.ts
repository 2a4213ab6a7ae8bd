/** Signing in at the counter, staying signed in across reloads, and switching language. */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { expectAccessible, keyAmount, openCounterSignedIn, screenshot, signInCashier } from './support/pages';

test.use({ viewport: TABLET });

test('a wrong PIN is explained; the right one opens the counter, which survives a reload until sign-out', async ({ page }) => {
	await page.goto('/cashier');
	// The form appears once the stored session has been looked for; the shot and the axe check wait for it.
	await expect(page.getByLabel('Shop')).toBeVisible();
	await screenshot(page, 'cashier-signin');
	await expectAccessible(page, 'cashier sign-in');
	// The form opens ready for typing: the first field has the keyboard.
	await expect(page.getByLabel('Shop')).toBeFocused();
	await page.getByLabel('Shop').fill('demo-cafe');
	await page.getByLabel('Cashier').fill('cashier-1');
	await page.getByLabel('PIN').fill('0000');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('That shop, cashier and PIN don’t match. Check all three and try again.');

	await signInCashier(page);
	await expect(page.getByRole('banner')).toContainText('Demo Café');
	await screenshot(page, 'cashier-counter');
	await expectAccessible(page, 'counter');

	await page.reload();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect(page.getByRole('banner')).toContainText('cashier-1');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('PIN')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('PIN')).toBeVisible();
	// The shop and cashier are remembered on the tablet; the PIN is not.
	await expect(page.getByLabel('Shop')).toHaveValue('demo-cafe');
	await expect(page.getByLabel('PIN')).toHaveValue('');
	// With the shop and cashier remembered, the PIN is the field that has the keyboard.
	await expect(page.getByLabel('PIN')).toBeFocused();
});

test('the language switches to Simplified Chinese, amounts keep their format, and the choice is remembered', async ({ page }) => {
	await signInCashier(page);
	await keyAmount(page, '38.5');
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('link', { name: '收银台' })).toBeVisible();
	await expect(page.getByRole('button', { name: '摄像头扫码' })).toBeVisible();
	await expect(page.getByTestId('amount-display')).toHaveText('¥38.5');
	await screenshot(page, 'cashier-counter-zh');
	await expectAccessible(page, 'counter in Chinese');

	await page.reload();
	await expect(page.getByRole('link', { name: '今日' })).toBeVisible();
	await page.goto('/customer');
	await expect(page.getByRole('heading', { name: '登录后付款' })).toBeVisible();
	await page.getByRole('button', { name: /切换语言为/ }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to pay' })).toBeVisible();
});

test('a sale refused because the sign-in ended is not queued: the tablet asks for sign-in and says the sale was not charged', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	const token = await openCounterSignedIn(page, server.url);
	await expect(page.getByTestId('network-state')).toContainText('Online');
	// The session ends on the server (signed out elsewhere, or expired) while the counter is open.
	await fetch(`${server.url}/api/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });

	await keyAmount(page, '12');
	await page.getByLabel('Or type the code').fill(await api.payCode(server.url, bob));
	await page.getByRole('button', { name: 'Use code' }).click();

	// Not "Queued — not yet paid … No network": sign-in, saying what happened to the sale.
	const notice = page.getByTestId('signed-out-notice');
	await expect(notice).toContainText('This tablet is no longer signed in. Sign in again.');
	await expect(notice).toContainText('¥12.00 was not charged');
	await expect(page.getByLabel('PIN')).toBeVisible();
	await expect(page.getByTestId('charge-queued')).toBeHidden();
	await screenshot(page, 'cashier-signed-out-sale');
	await page.setViewportSize(PHONE);
	await screenshot(page, 'cashier-signed-out-sale');
	await page.setViewportSize(TABLET);
	expect(await api.balance(server.url, bob)).toBe(before);

	// Signed in again, nothing waits in the queue for that sale, and the notice is gone.
	await page.getByLabel('Shop').fill('demo-cafe');
	await page.getByLabel('Cashier').fill('cashier-1');
	await page.getByLabel('PIN').fill('1234');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect(notice).toBeHidden();
	await expect(page.getByTestId('network-state')).toContainText('Online');
	await expect(page.getByTestId('queued-count')).toBeHidden();
	expect(await api.balance(server.url, bob)).toBe(before);
});
