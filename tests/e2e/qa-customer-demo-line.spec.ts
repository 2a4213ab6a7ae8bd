/**
 * A customer QA review: on the customer's sign-in the demo line ("Demo: alice / 1111") came a moment after the card,
 * once the server had said the demo logins work here (GET /api/sign-in-help), and the card grew under the customer's
 * eyes, "New here? Create a wallet" jumping down as a thumb went for it. Its line is kept for it from the first paint
 * now, and the line's words fill it without moving anything.
 */
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { holdRequests, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

test('the demo line takes its place without moving the card or what is under it', async ({ page }) => {
	// The server's answer held back: the card is drawn, the demo line not yet known.
	const release = await holdRequests(page, '**/api/sign-in-help');
	await page.goto('/customer');
	const card = page.locator('section[aria-labelledby="signin-title"]');
	const create = page.getByRole('button', { name: 'New here? Create a wallet' });
	await expect(create).toBeVisible();
	const demo = page.getByText('Demo: alice / 1111');
	await expect(demo).toHaveCount(0);
	const before = { card: await card.boundingBox(), create: await create.boundingBox() };
	await screenshot(page, 'qa-customer-demo-line-before');

	release();
	await expect(demo).toBeVisible();
	expect(await card.boundingBox()).toEqual(before.card);
	expect(await create.boundingBox()).toEqual(before.create);
	await screenshot(page, 'qa-customer-demo-line-after');
});
