/**
 * A manager on a tablet set to US English opens the campaign form: Chromium writes a date-and-time field as
 * "01/02/2027, 11:59 PM" with a calendar button, and at 768 px (a tablet held upright) the form put three columns
 * side by side, so "Valid until" read "11:59 P" and the AM/PM could not be seen. Both date-and-time fields (the new
 * campaign's start and end) are now at least as wide as their whole value at tablet and phone widths (a campaign's
 * Edit limits has room for its end already). A field's width is compared with the width the browser gives it on its own (width: auto).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ locale: 'en-US' });

const SIZES = [
	{ width: 768, height: 1024 },
	{ width: 1024, height: 768 },
	{ width: 390, height: 844 }
];

/** How much narrower the field is than the browser draws it on its own (its whole value and the calendar button), in px. */
async function cutBy(field: Locator): Promise<number> {
	return field.evaluate((el: HTMLInputElement) => {
		const probe = el.cloneNode() as HTMLInputElement;
		probe.removeAttribute('id');
		// The width the browser gives the field on its own: its value and the calendar button.
		probe.style.width = 'auto';
		probe.style.position = 'absolute';
		probe.style.visibility = 'hidden';
		el.parentElement!.append(probe);
		const needed = probe.getBoundingClientRect().width;
		probe.remove();
		return Math.max(0, Math.ceil(needed - el.getBoundingClientRect().width));
	});
}

async function expectWhole(page: Page, fields: Locator[], shot: string) {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		for (const field of fields) {
			await expect(field).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
			expect(await cutBy(field), `${await field.getAttribute('id')} at ${size.width} px`).toBe(0);
		}
		if (size.width !== 1024) await screenshot(page, shot);
	}
}

test('the campaign form’s date-and-time fields show their whole US value, AM/PM included, at tablet and phone widths', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	const from = page.locator('#valid-from');
	const until = page.locator('#valid-until');
	await expect(until).toBeVisible();
	// The start filled in too (the form leaves it empty: now): both fields then hold a whole date and time.
	await from.fill('2027-01-02T23:59');
	await expectWhole(page, [from, until], 'qa-owner-campaign-dates-fit');
});
