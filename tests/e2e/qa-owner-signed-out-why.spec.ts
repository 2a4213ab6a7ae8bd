/**
 * A cashier's tablet signed out by the server says why, as the server's 401 now does (`reason`): a tablet whose
 * cashier a manager gave a new PIN was told every reason there could be ("a manager signed it out or changed the
 * PIN, the cashier was removed, or the sign-in ran out"), and the cashier tried the old PIN. The tablet is left idle
 * at the counter, its clock the test's to move (as in staff.spec.ts): within the minute it reads its session again
 * and is at the sign-in screen, saying which; its other tab, told by the first, says the same.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, keyAmount, openCounterSignedIn, switchLanguage } from './support/pages';

test.use({ viewport: TABLET });

/** A cashier of the demo shop of this test's own, and the owner's token that manages them. */
async function newCashier(base: string, prefix: string) {
	const owner = await api.cashierSession(base, 'demo-cafe', 'owner', '9999');
	const handle = `${prefix}-${randomUUID().slice(0, 6)}`;
	const { cashier } = await api.created<{ cashier: { id: string } }>(base, owner.token, '/staff', { handle, pin: '2580' });
	return { owner: owner.token, handle, id: cashier.id };
}

test('a new PIN set by a manager: the idle tablet, and its other tab, say a new PIN was set for the cashier, and the new PIN signs in', async ({
	page,
	context,
	server
}) => {
	const { owner, handle, id } = await newCashier(server.url, 'pin');
	await page.clock.install();
	await openCounterSignedIn(page, server.url, 'demo-cafe', handle, '2580');
	const other = await context.newPage();
	await other.goto('/cashier');
	await expect(other.getByRole('group', { name: 'Amount keypad' })).toBeVisible();

	await api.managed(server.url, owner, `/staff/${id}/pin`, { pin: '3690' });
	await page.clock.fastForward('01:01');
	const why = `This tablet was signed out: a manager set a new PIN for ${handle}. Sign in with the new PIN.`;
	await expect(page.getByText(why)).toBeVisible();
	await expect(other.getByText(why)).toBeVisible();
	await expect(page.getByText('a manager signed it out or changed the PIN')).toHaveCount(0);
	await other.close();
	await captureBoth(page, 'qa-owner-signed-out-why-pin');

	await switchLanguage(page);
	await expect(page.getByText(`这台平板已退出登录：店长为 ${handle} 设置了新 PIN。请用新 PIN 登录。`)).toBeVisible();
	await captureBoth(page, 'qa-owner-signed-out-why-pin-zh');
	await switchLanguage(page);

	await page.getByLabel('Shop').fill('demo-cafe');
	await page.getByLabel('Cashier', { exact: true }).fill(handle);
	await page.getByLabel('PIN', { exact: true }).fill('3690');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
});

test('a cashier removed by a manager: the tablet says they were removed and can no longer sign in, not that the PIN may have changed', async ({
	page,
	server
}) => {
	const { owner, handle, id } = await newCashier(server.url, 'gone');
	await openCounterSignedIn(page, server.url, 'demo-cafe', handle, '2580');
	await api.managed(server.url, owner, `/staff/${id}/removal`);
	// The next request (here the Today link's read) is refused, and says why.
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(
		page.getByText(`This tablet was signed out: a manager removed ${handle} from the shop, and ${handle} can no longer sign in. Another cashier of the shop can.`)
	).toBeVisible();
	await switchLanguage(page);
	await expect(page.getByText(`这台平板已退出登录：店长已将 ${handle} 从本店移除，${handle} 不能再登录。本店其他收银员可以登录。`)).toBeVisible();
	await captureBoth(page, 'qa-owner-signed-out-why-removed-zh');
});

test('a sale charged after a new PIN was set: not charged, and the sign-in screen says the PIN was changed', async ({ page, server }) => {
	// The cashier's first move after the manager's new PIN is often a sale: its refusal said only that the tablet was
	// no longer signed in.
	const { owner, handle, id } = await newCashier(server.url, 'sale');
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url, 'demo-cafe', handle, '2580');
	await api.managed(server.url, owner, `/staff/${id}/pin`, { pin: '3690' });

	await keyAmount(page, '12');
	await page.getByLabel('Or type the code').fill(await api.payCode(server.url, bob));
	await page.getByRole('button', { name: 'Use code' }).click();
	await expect(page.getByTestId('signed-out-notice')).toContainText('¥12.00 was not charged');
	await expect(page.getByText(`This tablet was signed out: a manager set a new PIN for ${handle}. Sign in with the new PIN.`)).toBeVisible();
	await captureBoth(page, 'qa-owner-signed-out-why-sale');
	expect(await api.balance(server.url, bob)).toBe(before);
});

