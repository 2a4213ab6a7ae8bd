/**
 * A shop's name may be 60 characters (Shop settings allows it). On a tablet the cashier's bar still keeps one row
 * for the shop, the network and the tools, and one for the links (a landscape tablet: all on one row): the name
 * gives way with an ellipsis, rather than pushing the links into a column down the screen and the keypad below it.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

const LONG_NAME = 'The Grand Old Riverside Tea House & Bakery of Central Square';

/** The distinct rows the bar's items sit on (their vertical centres, to the pixel). */
async function rowsOf(page: Page, selectors: string[]): Promise<number> {
	const centres = new Set<number>();
	for (const selector of selectors) {
		for (const box of await page.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect()))) {
			centres.add(Math.round((box.top + box.bottom) / 2));
		}
	}
	return centres.size;
}

test("a 60-character shop name leaves the bar's links on one row and the whole keypad on screen", async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const renamed = await fetch(`${server.url}/api/shop`, {
		method: 'PATCH',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ name: LONG_NAME })
	});
	expect(renamed.status).toBe(200);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const name = page.locator('header .merchant');
	// The whole name is still there for a screen reader; on screen it ends in an ellipsis.
	await expect(name).toHaveText(LONG_NAME);

	// Landscape: the four links in one row, and the bar one row high with them (the name block holds the shop's name
	// over the cashier's handle: its middle is the row's).
	await expect.poll(() => rowsOf(page, ['header nav a'])).toBe(1);
	await expect.poll(() => rowsOf(page, ['header .names', 'header nav ul', '[data-testid="network-state"]', 'header .tools'])).toBe(1);
	const lastKey = page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '00', exact: true });
	expect((await lastKey.boundingBox())!.y + (await lastKey.boundingBox())!.height).toBeLessThanOrEqual(TABLET.height);
	await screenshot(page, 'qa-cashier-long-shop-name');

	// Upright: the shop, the network and the tools on one row, the links on the next.
	await page.setViewportSize({ width: 768, height: 1024 });
	await expect.poll(() => rowsOf(page, ['header .names', '[data-testid="network-state"]', 'header .tools'])).toBe(1);
	await expect.poll(() => rowsOf(page, ['header nav a'])).toBe(1);
	await page.screenshot({ path: 'test-results/screenshots/qa-cashier-long-shop-name-768.png' });

	// A phone, in Chinese: as before, the name gives way to the pill and the tools.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.getByRole('button', { name: /简体中文|中文/ }).click();
	await expect.poll(() => rowsOf(page, ['header .names', '[data-testid="network-state"]', 'header .tools'])).toBe(1);
	await screenshot(page, 'qa-cashier-long-shop-name-zh');
});
