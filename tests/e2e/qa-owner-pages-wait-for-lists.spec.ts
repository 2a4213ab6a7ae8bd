/**
 * Campaigns and Staff and PINs on a phone draw their forms once their list is read, not before it: drawn before,
 * Campaigns showed "New campaign" first with "No campaigns yet." (untrue: the list was on its way), and a moment later
 * the shop's campaigns came first and the form went some 560 px down; Staff showed an empty card, and its add form
 * went some 310 px down. A manager who had begun typing was typing somewhere else.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { openCounterSignedIn, pageTop } from './support/pages';

test.use({ viewport: PHONE });

/** The first read of `list` (a path under /api) held on its way until the returned function lets it go. */
async function holdFirstRead(page: Page, list: string): Promise<() => void> {
	let letGo = () => undefined as void;
	const held = new Promise<void>((resolve) => (letGo = resolve));
	await page.route(
		(url) => url.pathname === `/api/${list}`,
		async (route) => {
			await held;
			await route.continue();
		},
		{ times: 1 }
	);
	return letGo;
}

test('Campaigns and Staff wait for their list, then stay where they are drawn', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const loading = page.getByRole('status').filter({ hasText: 'Loading…' });

	let letGo = await holdFirstRead(page, 'campaigns');
	await page.goto('/cashier/manage');
	await expect(loading).toBeVisible();
	await expect(page.getByText('No campaigns yet.')).toHaveCount(0);
	await expect(page.getByLabel('Title customers see')).toHaveCount(0);
	letGo();
	// The demo shop's campaigns first, then the form under them, where it stays.
	const title = page.getByLabel('Title customers see');
	await expect(page.getByRole('region', { name: 'All campaigns' }).getByRole('listitem').first()).toBeVisible();
	const titleTop = await pageTop(title);
	expect(titleTop).toBeGreaterThan(await pageTop(page.getByRole('region', { name: 'All campaigns' })));
	await title.fill('Weekend');
	expect(await pageTop(title)).toBe(titleTop);

	letGo = await holdFirstRead(page, 'staff');
	await page.getByRole('link', { name: 'Staff and PINs' }).click();
	await expect(loading).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add' })).toHaveCount(0);
	letGo();
	await expect(page.getByRole('region', { name: 'Who can sign in here' }).getByRole('listitem').first()).toBeVisible();
	const handle = page.getByLabel('Handle (what they type to sign in)');
	expect(await pageTop(handle)).toBeGreaterThan(await pageTop(page.getByRole('region', { name: 'Who can sign in here' }).getByRole('listitem').last()));
});
