/**
 * A shop on a ledger kept in yen (`CURRENCY=JPY`: no minor unit below the yen). The refund and campaign forms read
 * what was typed as if every currency had two decimals: "5" in the part refund sent 500, a ¥500 refund for ¥5.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

test.use({ serverEnv: { CURRENCY: 'JPY' } });

test('a part refund of ¥5 in yen gives back ¥5 (the campaign forms: tests/unit/web/campaign-form and limits-form)', async ({ browser, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const start = await api.balance(server.url, alice);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	// The counter keys whole yen: 300 is ¥300.
	await page.keyboard.type('300');
	await scan(page, await api.payCode(server.url, alice));
	await expect(page.getByTestId('charge-result')).toContainText('¥300');
	const before = await api.balance(server.url, alice);
	expect(before).toBe(start - 300);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: /Details alice/ }).first().click();
	await page.getByLabel('Part of it').check();
	await page.getByLabel(/Value of the goods returned/).fill('5');
	await page.getByRole('button', { name: 'Refund…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Refund this payment?' });
	await screenshot(page, 'owner-yen-refund-confirm');
	await dialog.getByRole('button', { name: /^Refund ¥5$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Refunded.' })).toBeVisible();
	expect(await api.balance(server.url, alice)).toBe(before + 5);

	await ctx.close();
});
