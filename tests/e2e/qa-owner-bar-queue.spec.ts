/**
 * A manager's bar on a landscape tablet (1024×768) holds four links beside the shop, the network pill and the tools.
 * With sales queued the pill grows ("Offline · 1 queued", then "Online · 1 queued · Sending…"), and the shop's name,
 * which gives way first, was cut to "D" and then to nothing at all. The name must stay whole on one row of the bar.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

test.use({ viewport: TABLET });

/** The shop's name is drawn whole (no ellipsis), and the bar's items share one row (the name block: the shop over the cashier). */
async function nameWholeOnOneRow(page: Page): Promise<void> {
	const name = page.locator('header .merchant');
	await expect(name).toHaveText('Demo Café');
	await expect.poll(() => name.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
	const rows = await page
		.locator('header .names, header nav ul, [data-testid="network-state"], header .tools')
		.evaluateAll((els) => new Set(els.map((el) => Math.round((el.getBoundingClientRect().top + el.getBoundingClientRect().bottom) / 2))).size);
	expect(rows).toBe(1);
}

test("a manager's shop name stays whole in the bar while sales wait on the tablet and while they are sent", async ({ page, server, context }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const code = await api.payCode(server.url, alice);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await expect(page.getByRole('link', { name: 'Manage' })).toBeVisible();
	await nameWholeOnOneRow(page);

	await context.setOffline(true);
	await expect(page.getByTestId('network-state')).toContainText('Offline');
	await keyAmount(page, '7');
	await scanWithHandheld(page, code);
	await expect(page.getByTestId('charge-queued')).toContainText('Queued — not yet paid');
	await expect(page.getByTestId('queued-count')).toHaveText('1 queued');
	await nameWholeOnOneRow(page);
	await screenshot(page, 'qa-owner-bar-queued');

	// Back online, the queue going out (its answer held): "Sending…".
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/payments/batch', async (route) => {
		await held;
		await route.continue();
	});
	await context.setOffline(false);
	await expect(page.getByTestId('network-state')).toContainText('Sending…');
	await nameWholeOnOneRow(page);
	await screenshot(page, 'qa-owner-bar-sending');
	release();
	await expect(page.getByTestId('queued-count')).toBeHidden();
});

test.describe('on a phone', () => {
	test.use({ viewport: PHONE });

	test('the shop name steps aside for the queue instead of being cut to a letter, and comes back', async ({ page, server, context }) => {
		const alice = await api.customerToken(server.url, 'alice', '1111');
		const code = await api.payCode(server.url, alice);
		await openCounterSignedIn(page, server.url);
		const name = page.locator('header .merchant');
		await expect(name).toHaveText('Demo Café');
		await expect.poll(() => name.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

		await context.setOffline(true);
		await keyAmount(page, '7');
		await scanWithHandheld(page, code);
		await expect(page.getByTestId('queued-count')).toHaveText('1 queued');
		// Not cut to "D": a phone's row has no room for it beside the pill, so it steps aside.
		await expect(name).toBeHidden();
		await screenshot(page, 'qa-bar-queued-name');

		await context.setOffline(false);
		await expect(page.getByTestId('queued-count')).toBeHidden();
		await expect(name).toBeVisible();
		await expect.poll(() => name.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
	});
});
