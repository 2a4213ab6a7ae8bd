/**
 * Owner review: a removed cashier's line on the Day report read "maria(removed)": the space before the bracket was
 * inside the tag, where Svelte drops it. By cashier now says "maria (removed)", and in Chinese "maria (已移除)".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('By cashier names a removed cashier with a space before "(removed)"', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const maria = (await api.managed<{ cashier: { id: string } }>(server.url, owner.token, '/staff', { handle: 'maria', pin: '5151', canManage: false })).cashier;
	const session = await api.cashierSession(server.url, 'demo-cafe', 'maria', '5151');
	expect((await api.pay(server.url, session.token, await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222')), 1_800)).status).toBe(201);
	await api.managed(server.url, owner.token, `/staff/${maria.id}/removal`);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report');
	const row = page.getByTestId('report-by-cashier').locator('[data-testid=by-cashier-row][data-cashier="maria"]');
	await expect(row.locator('.who')).toHaveText('maria (removed)');
	await screenshot(page, 'qa-owner-by-cashier-removed');
	await page.getByRole('button', { name: '简体中文' }).click();
	await expect(row.locator('.who')).toHaveText('maria (已移除)');
});
