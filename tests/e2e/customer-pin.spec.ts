/**
 * A customer changes their PIN on the phone: the current PIN, the new one twice. A second phone signed in as them
 * is signed out, this one stays; the old PIN no longer signs in. A wrong current PIN or two new PINs that differ
 * change nothing and say so in the customer's language.
 */
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { expectAccessible, screenshot, signInCustomer } from './support/pages';

async function newCustomer(base: string, handle: string, pin: string): Promise<void> {
	const res = await fetch(`${base}/api/customers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ handle, pin }) });
	expect(res.status).toBe(201);
}
const signInStatus = async (base: string, handle: string, pin: string) =>
	(await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'customer', handle, pin }) })).status;

test('a customer changes their PIN: other phones are signed out, this one stays, the old PIN stops working', async ({ page, browser, server }) => {
	await newCustomer(server.url, 'dora', '4826');
	const other = await browser.newPage({ baseURL: server.url, viewport: PHONE });
	await signInCustomer(other, 'dora', '4826');
	await page.setViewportSize(PHONE);
	await signInCustomer(page, 'dora', '4826');

	await page.getByRole('button', { name: 'Change PIN' }).click();
	const dialog = page.getByRole('dialog', { name: 'Change your PIN' });
	await expect(dialog.getByLabel('Current PIN')).toBeFocused();
	await dialog.getByLabel('Current PIN').fill('0000');
	await dialog.getByLabel('New PIN', { exact: true }).fill('913570');
	await dialog.getByLabel('New PIN again').fill('913571');
	await dialog.getByRole('button', { name: 'Change PIN' }).click();
	await expect(dialog.getByText('The two new PINs differ')).toBeVisible();

	await dialog.getByLabel('New PIN again').fill('913570');
	await dialog.getByRole('button', { name: 'Change PIN' }).click();
	await expect(dialog.getByText('That is not your current PIN. Nothing was changed.')).toBeVisible();
	await screenshot(page, 'customer-pin-wrong');
	await expectAccessible(page, 'change PIN');

	await dialog.getByLabel('Current PIN').fill('4826');
	await dialog.getByLabel('Current PIN').press('Enter');
	await expect(dialog).toHaveCount(0);
	await expect(page.getByTestId('pin-changed')).toContainText('PIN changed. Signed out on 1 other phone.');
	await screenshot(page, 'customer-pin-changed');

	// This phone goes on; the other is signed out at its next request.
	await page.reload();
	await expect(page.getByTestId('balance')).toContainText('¥');
	await other.reload();
	await expect(other.getByLabel('Your handle')).toBeVisible();
	expect(await signInStatus(server.url, 'dora', '4826')).toBe(401);
	expect(await signInStatus(server.url, 'dora', '913570')).toBe(201);
	await other.close();
});

test('in Chinese, the dialog and its refusals are Chinese', async ({ page, server }) => {
	await newCustomer(server.url, 'emil', '2468');
	await page.setViewportSize({ width: 360, height: 740 });
	await signInCustomer(page, 'emil', '2468');
	await page.getByRole('button', { name: /中文/ }).click();
	await page.getByRole('button', { name: '修改 PIN 码' }).click();
	const dialog = page.getByRole('dialog', { name: '修改 PIN 码' });
	await dialog.getByLabel('当前 PIN 码').fill('24');
	await dialog.getByRole('button', { name: '修改 PIN 码' }).click();
	await expect(dialog.getByText('PIN 码为 4 到 12 位数字。')).toBeVisible();
	await screenshot(page, 'customer-pin-zh');
	expect(await signInStatus(server.url, 'emil', '2468')).toBe(201);
});

// Last in the file: it changes a demo PIN, and the file's server is shared.
test('a demo customer who changed their PIN is not offered the old one on the sign-in screen after signing out', async ({ page }) => {
	await page.setViewportSize(PHONE);
	await page.goto('/customer');
	// The sign-in screen offers the demo's login while it works…
	await expect(page.getByText('Demo: alice / 1111')).toBeVisible();
	await signInCustomer(page, 'alice', '1111');
	await page.getByRole('button', { name: 'Change PIN' }).click();
	const dialog = page.getByRole('dialog', { name: 'Change your PIN' });
	await dialog.getByLabel('Current PIN').fill('1111');
	await dialog.getByLabel('New PIN', { exact: true }).fill('583920');
	await dialog.getByLabel('New PIN again').fill('583920');
	await dialog.getByRole('button', { name: 'Change PIN' }).click();
	await expect(page.getByTestId('pin-changed')).toBeVisible();
	// …and, signed out on the same page, no longer: "alice / 1111" would be refused.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect(page.getByText('Demo: alice / 1111')).toHaveCount(0);
});
