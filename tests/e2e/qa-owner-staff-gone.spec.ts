/**
 * Two managers, two tablets: one removes a cashier while the other still lists them. On the second, Remove or a new
 * PIN for that cashier is answered in the manager's language and the list drops them; it said "被拒绝: No such
 * cashier." (the server's English) and kept listing the cashier who was gone.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('a cashier removed on another tablet: Remove and New PIN say so in Chinese, and the list drops them', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const temp = (await api.managed(server.url, owner.token, '/staff', { handle: 'temp-1', pin: '5555', canManage: false })).cashier!;
	const staff = (await (await fetch(`${server.url}/api/staff`, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as { staff: { id: string; handle: string }[] };
	const cashier1 = staff.staff.find((s) => s.handle === 'cashier-1')!;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('button', { name: '简体中文' }).click();
	await page.getByRole('link', { name: '管理', exact: true }).click();
	await page.getByRole('link', { name: '店员与 PIN' }).click();
	const list = page.getByRole('region', { name: '可以在本店登录的人' });
	await expect(list).toContainText('cashier-1');
	await expect(list).toContainText('temp-1');

	// The other tablet removes both.
	for (const id of [cashier1.id, temp.id]) await api.managed(server.url, owner.token, `/staff/${id}/removal`, {});

	await page.getByRole('button', { name: '移除 cashier-1？' }).click();
	await page.getByRole('dialog').getByRole('button', { name: '移除' }).click();
	await expect(page.getByText('cashier-1 已不在店员名单中：已在另一台平板上被移除。')).toBeVisible();
	await expect(page.getByText('No such cashier')).toHaveCount(0);
	await expect(list).not.toContainText('cashier-1');
	await screenshot(page, 'qa-owner-staff-gone-zh');

	// temp-1, removed there too, is gone from the list read again.
	await expect(list).not.toContainText('temp-1');
});

test('a new PIN for a cashier removed on another tablet closes its dialog and says so', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const temp = (await api.managed(server.url, owner.token, '/staff', { handle: 'temp-2', pin: '5555', canManage: false })).cashier!;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	const list = page.getByRole('region', { name: 'Who can sign in here' });
	await expect(list).toContainText('temp-2');
	await page.getByRole('button', { name: 'New PIN for temp-2' }).click();
	await api.managed(server.url, owner.token, `/staff/${temp.id}/removal`, {});

	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('PIN').fill('8642');
	await dialog.getByRole('button', { name: 'Set PIN' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText('temp-2 is no longer on the staff: removed on another tablet.')).toBeVisible();
	await expect(list).not.toContainText('temp-2');
});

test('a message on Staff changes language with the screen (it stayed in the language it was said in)', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage', exact: true }).click();
	await page.getByRole('link', { name: /Staff and PINs/ }).click();
	await page.getByLabel('Handle (what they type to sign in)').fill('Dana');
	await page.getByLabel('PIN', { exact: true }).fill('5678');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('dana can sign in now, with this shop and their PIN.')).toBeVisible();

	await page.getByRole('button', { name: '简体中文' }).click();
	await expect(page.getByText('dana 现在可以用本店和其 PIN 登录了。')).toBeVisible();
	await expect(page.getByText('dana can sign in now')).toHaveCount(0);
});
