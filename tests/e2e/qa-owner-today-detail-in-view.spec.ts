/**
 * Owner review: on Today, "Details" on the lowest row in sight opened the payment's detail, and its Refund, below the
 * screen's edge; the page stayed where it was, and the owner saw only the button turn to "Hide" and took it for broken.
 * The page now scrolls down as little as it takes for the detail to show, never so far that its row leaves the top.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, screenshot } from './support/pages';

/** Where an element is against the window: its top and bottom in CSS pixels, and the window's height. */
const place = (page: Page, locator: Locator) =>
	locator.evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, view: window.innerHeight }));

test('Details on the lowest row in sight brings its detail and Refund on screen, its row still in sight', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const customer = await newCustomer(server.url, uniqueHandle('low'), 100_000);
	// Enough sales for the list to run past the bottom of a tablet's screen.
	for (let i = 0; i < 14; i++) expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, customer), 1_000 + i * 100)).status).toBe(201);

	for (const [size, name] of [
		[TABLET, 'tablet'],
		[PHONE, 'phone']
	] as const) {
		await page.setViewportSize(size);
		await openCounterSignedIn(page, server.url);
		await page.getByRole('link', { name: 'Today' }).click();
		const rows = page.locator('tbody tr[data-payment-id]');
		await expect(rows).toHaveCount(14);
		// The lowest row whose button is wholly on screen, with the page at its top.
		let lowest = -1;
		for (let i = 0; i < 14; i++) {
			const at = await place(page, rows.nth(i));
			if (at.bottom <= at.view) lowest = i;
		}
		expect(lowest, 'a row on screen').toBeGreaterThanOrEqual(0);
		expect(lowest, 'rows below the screen').toBeLessThan(13);
		const row = rows.nth(lowest);
		await row.getByRole('button', { name: /Details/ }).click();
		const refund = page.locator('tr.detail-row').getByRole('button', { name: /^Refund/ });
		await expect(refund).toBeInViewport();
		// Scrolled down, and no further than it took: the row that opened it is still on screen, at or below the top.
		await expect.poll(async () => (await place(page, row)).top).toBeGreaterThanOrEqual(0);
		expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
		await expect(row).toBeInViewport();
		await screenshot(page, `qa-owner-today-detail-in-view-${name}`);
	}
});
