/**
 * Focus and landmarks on the manager's screens: Escape on the Z close's confirmation left the keyboard on the page's
 * body (the button that opened it was disabled while the figures were read); Manage had two regions called
 * "Campaigns" (the page and its list), which axe flags as landmark-unique; the counter had no h1.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PHONE, TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

const AXE_SOURCE = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** The ids of the axe rules among `rules` that the page breaks, whatever their impact. */
async function broken(page: Page, rules: string[]): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	return page.evaluate(async (only) => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string }[] }> } }).axe;
		const result = await axe.run(document, { runOnly: { type: 'rule', values: only }, resultTypes: ['violations'] });
		return result.violations.map((v) => v.id);
	}, rules);
}

test('Escape on the Z close’s confirmation gives the keyboard back to "Close the day (Z report)"', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	const close = page.getByRole('button', { name: 'Close the day (Z report)' });
	await close.focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: /Close the day/ });
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(close).toBeFocused();
	// And by its Cancel button.
	await page.keyboard.press('Enter');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await expect(close).toBeFocused();
});

test('the counter has a top-level heading, for a screen reader’s list of headings, that takes no room on a phone', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url);
	const heading = page.getByRole('heading', { level: 1, name: 'Counter' });
	await expect(heading).toBeAttached();
	expect(await broken(page, ['page-has-heading-one'])).toEqual([]);
	// Hidden, it is no wider than a pixel: sized by the layout (its main's children are as wide as main), it reached
	// past a 390 px phone's edge by main's padding, and the page scrolled sideways.
	await page.setViewportSize(PHONE);
	expect((await heading.boundingBox())!.width).toBeLessThanOrEqual(1);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

test('Manage’s regions, and those of its other pages, have names of their own', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Manage' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: /campaigns$/i })).toBeVisible();
	expect(await broken(page, ['landmark-unique', 'page-has-heading-one'])).toEqual([]);
	for (const [link, title] of [
		['Staff and PINs', 'Staff'],
		['Shop settings', 'Shop settings']
	]) {
		await page.getByRole('link', { name: link }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		expect(await broken(page, ['landmark-unique', 'page-has-heading-one']), link).toEqual([]);
	}
});
