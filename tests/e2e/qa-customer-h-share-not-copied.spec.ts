/**
 * "Share with a friend" where the phone has no share sheet copies the link, and said "Link copied. Send it to your
 * friend:" whether or not it was: where the browser refuses the clipboard (an in-app browser, a page on plain http,
 * permission not given) the friend was sent whatever was on the clipboard before. It now says to copy the link
 * shown, and says "copied" only when it was.
 */
import { expect, test } from './fixtures';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

test('a link the browser would not copy is not said to be copied: the customer is asked to copy the one shown', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	// Headless Chromium without the clipboard permission refuses writeText, as a browser that blocks it does.
	await page.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(page.getByText('Copy this link and send it to your friend:')).toBeVisible();
	await expect(page.getByText('Link copied')).toHaveCount(0);
	await expect(page.getByTestId('share-link')).toHaveValue(/\/claim\/s\/[A-Za-z0-9_-]+$/);
	await screenshot(page, 'qa-customer-h-share-not-copied');
});

test('a link copied to the clipboard says so, and the clipboard holds it', async ({ page, server, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await page.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(page.getByText('Link copied. Send it to your friend:')).toBeVisible();
	const link = await page.getByTestId('share-link').inputValue();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});
