/**
 * "Share with a friend", "Take back" and "Copy link again" sit under their coupon's card, where an eye sees which
 * coupon they are for; a screen reader going from button to button heard only "Share with a friend". The buttons
 * are in a group named for the coupon.
 */
import { expect, test } from './fixtures';
import { expectAccessible, openCustomerSignedIn } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('to a screen reader, the share buttons say which coupon they share, in both languages', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const group = page.getByRole('group', { name: '¥5 off', exact: true });
	await expect(group.getByRole('button', { name: 'Share with a friend' })).toBeVisible();
	await group.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(group.getByRole('button', { name: 'Take back' })).toBeVisible();
	await expectAccessible(page, 'coupon offered to a friend');
	await page.locator('button.lang').click();
	await expect(page.getByRole('group', { name: '立减¥5', exact: true }).getByRole('button', { name: '收回' })).toBeVisible();
	await page.getByRole('group', { name: '立减¥5', exact: true }).getByRole('button', { name: '收回' }).click();
});
