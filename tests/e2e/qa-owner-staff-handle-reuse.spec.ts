/**
 * A cashier who left was removed; a new one is hired under the same handle. The handle stays the removed cashier's
 * (their sales carry it), and the Staff page said only "That handle is taken." while its list showed nobody by that
 * name. It now says whose it was and that another is needed, and the removal says beforehand that the handle stays.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { failFirstReads, openCounterSignedIn, screenshot } from './support/pages';

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

test('a handle taken on another tablet since the list was read is said to be taken, not a removed cashier’s, though the list cannot be read again', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	const list = page.getByRole('region', { name: 'Who can sign in here' });
	await expect(list).toContainText('cashier-1');
	// Another tablet adds nico meanwhile; this one's list, read before, does not show him.
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const added = await fetch(`${server.url}/api/staff`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ handle: 'nico', pin: '5555', canManage: false })
	});
	expect(added.status).toBe(201);
	// The network drops as the list would be read again: the page must not guess from a list it did not get.
	await failFirstReads(page, '**/api/staff', 1);
	const add = page.locator('form', { has: page.getByRole('button', { name: 'Add' }) });
	await add.getByLabel(/^Handle/).fill('nico');
	await add.getByLabel(/^PIN/).fill('482913');
	await add.getByRole('button', { name: 'Add' }).click();
	await expect(add.getByLabel(/^Handle/)).toHaveAccessibleDescription(/That handle is taken\./);
	await expect(page.getByText('belonged to a removed cashier')).toHaveCount(0);
});
