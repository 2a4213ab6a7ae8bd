/** A friend's share link or a poster's claim link that is no good says so, instead of blaming the network. */
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

for (const path of ['/claim/s/nonsense-token', '/claim/nonsense-token']) {
	test(`a cut-off link (${path}) says the link is not valid, with no "Try again" that could never work`, async ({ page }) => {
		await page.goto(path);
		await expect(page.getByText('This link is not valid: it may have been cut off when it was copied.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
		await expect(page.getByText(/Could not reach the server/)).toHaveCount(0);
		if (path.startsWith('/claim/s/')) await screenshot(page, 'claim-link-not-valid');
	});
}

for (const path of ['/claim/', '/claim/s/']) {
	test(`a link cut off before its token (${path}) says the link is not valid, in the app, with a way on`, async ({ page }) => {
		await page.goto(path);
		await expect(page.getByText('This link is not valid: it may have been cut off when it was copied.')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Go to my coupons' })).toHaveAttribute('href', '/customer');
	});
}

test('a link whose offer the server failed to read says the server had a problem (not to check the connection), and "Try again" shows it', async ({ page }) => {
	let failures = 1;
	await page.route('**/api/claims/**', async (route) => {
		if (route.request().method() !== 'GET' || failures-- <= 0) return route.continue();
		await route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } } });
	});
	await page.goto('/claim/nonsense-token');
	await expect(page.getByText('The server had a problem and could not answer. Try again in a moment.')).toBeVisible();
	await expect(page.getByText(/Could not reach the server/)).toHaveCount(0);
	await screenshot(page, 'claim-link-server-error');
	// Read again, the link is what it is: here, one that leads nowhere.
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByText('This link is not valid: it may have been cut off when it was copied.')).toBeVisible();
});
