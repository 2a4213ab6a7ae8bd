/**
 * The history's Back goes back. As a plain link to the wallet it added an entry of its own: wallet, history, wallet
 * again, so the phone's Back button, pressed next on the wallet, went to the history once more instead of leaving.
 */
import { expect, test } from './fixtures';
import { openCustomerSignedIn } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test("the history's Back returns to the wallet's own entry: the phone's Back then does not go to the history again", async ({ page, server }) => {
	await page.goto('/');
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const entries = await page.evaluate(() => history.length);
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history', level: 1 })).toBeVisible();
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(page.getByTestId('balance')).toBeVisible();

	// The phone's Back from the wallet leaves it for what came before, not for the history.
	await page.goBack();
	await expect(page).not.toHaveURL(/\/customer(\/history)?$/);
	// Forward again: the history is the entry after the wallet, as it was left.
	await page.goForward();
	await expect(page).toHaveURL(/\/customer$/);
	expect(await page.evaluate(() => history.length)).toBe(entries + 1);
});

test('a history opened on its own (a reload) goes back to the wallet in its place', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history', level: 1 })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Wallet history', level: 1 })).toBeVisible();
	const entries = await page.evaluate(() => history.length);
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(page.getByTestId('balance')).toBeVisible();
	expect(await page.evaluate(() => history.length)).toBe(entries);
	await page.goBack();
	await expect(page).toHaveURL(/\/customer$/);
});
