/**
 * A cashier who left was removed; a new one is hired under the same handle. The handle stays the removed cashier's
 * (their sales carry it), and the Staff page said only "That handle is taken." while its list showed nobody by that
 * name. It now says whose it was and that another is needed, and the removal says beforehand that the handle stays.
 */
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE });

test("a removed cashier's handle, typed for a new cashier, is said to be the removed cashier's, in English and Chinese", async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	const add = page.locator('form', { has: page.getByRole('button', { name: 'Add' }) });
	await add.getByLabel(/^Handle/).fill('mei');
	await add.getByLabel(/^PIN/).fill('482913');
	await add.getByRole('button', { name: 'Add' }).click();
	await expect(page.getByText('mei can sign in now')).toBeVisible();

	await page.getByRole('button', { name: 'Remove mei?' }).click();
	const dialog = page.getByRole('dialog');
	// Said before the owner confirms: the handle is not freed for someone new.
	await expect(dialog).toContainText('Their handle stays theirs');
	await dialog.getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByText('mei was removed.')).toBeVisible();

	await add.getByLabel(/^Handle/).fill('mei');
	await add.getByLabel(/^PIN/).fill('482913');
	await add.getByRole('button', { name: 'Add' }).click();
	const handle = add.getByLabel(/^Handle/);
	await expect(handle).toHaveAccessibleDescription(/belonged to a removed cashier/);
	await screenshot(page, 'qa-owner-staff-handle-removed');

	// A handle of someone on the list is still just taken.
	await handle.fill('cashier-1');
	await add.getByRole('button', { name: 'Add' }).click();
	await expect(handle).toHaveAccessibleDescription(/That handle is taken\./);

	await page.getByRole('button', { name: /中文/ }).click();
	const handleZh = page.getByLabel(/^账号/);
	await handleZh.fill('mei');
	await page.getByRole('button', { name: '添加', exact: true }).click();
	await expect(handleZh).toHaveAccessibleDescription(/已移除的收银员/);
	await screenshot(page, 'qa-owner-staff-handle-removed-zh');
});
