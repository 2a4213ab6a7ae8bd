/**
 * The installed app opens at "/" (the manifest's start_url), which asked "paying or cashier?" at every launch: one
 * more tap at the counter before the code. A device signed in to one side now goes straight on to it, without the
 * chooser flashing by; signed in to neither, or both, it still asks.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCounterSignedIn, openCustomerSignedIn } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

/** Records whether the chooser's two choices were ever put on screen in this page, however briefly. */
async function watchForChooser(page: Page): Promise<void> {
	await page.addInitScript(() => {
		new MutationObserver(() => {
			if (document.querySelector('a.choice[href="/cashier"]')) (window as unknown as { sawChooser: boolean }).sawChooser = true;
		}).observe(document, { subtree: true, childList: true });
	});
}
const sawChooser = (page: Page) => page.evaluate(() => (window as unknown as { sawChooser?: boolean }).sawChooser === true);
const chooser = (page: Page) => page.getByRole('link', { name: /I’m paying/ });

test('a phone signed in as a customer opens on the wallet from "/", with no chooser shown on the way', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await watchForChooser(page);
	await page.goto('/');
	await expect(page.getByTestId('balance')).toHaveText('¥500.00');
	expect(new URL(page.url()).pathname).toBe('/customer');
	expect(await sawChooser(page)).toBe(false);
	// "/" was replaced by the wallet, not kept under it: Back does not land on it (to be sent on again). The tab's
	// history is about:blank, /api/health, /customer (signing in), and the wallet opened from "/".
	expect(await page.evaluate(() => history.length)).toBe(4);
});

test('a till signed in as a cashier opens on the counter from "/"', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url);
	await watchForChooser(page);
	await page.goto('/');
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	expect(new URL(page.url()).pathname).toBe('/cashier');
	expect(await sawChooser(page)).toBe(false);
});

test('signed in to neither side, or to both, "/" asks which', async ({ page, server }) => {
	await page.goto('/');
	await expect(chooser(page)).toBeVisible();
	// Both ways in on a 360×640 phone's first screen: the counter's was under the fold.
	await expect(page.getByRole('link', { name: /I’m at the counter/ })).toBeInViewport({ ratio: 1 });

	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await openCounterSignedIn(page, server.url);
	await page.goto('/');
	await expect(chooser(page)).toBeVisible();
	expect(new URL(page.url()).pathname).toBe('/');

	// Signed out of the wallet, the device is the counter's: "/" goes there.
	await page.goto('/customer');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
	await page.goto('/');
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
});
