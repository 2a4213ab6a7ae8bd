/**
 * The owner on their phone in the evening: the staff page and the shop settings say what a tap did at the top of the
 * page, and on a 360×640 screen the form's button is far below it. What was said is brought onto the screen.
 */
import { expect, test } from './fixtures';
import { captureBoth, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

test('on a phone, adding a cashier from the form at the foot of Staff, and a new PIN, show what was done on the screen', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/staff');
	await page.getByLabel('Handle (what they type to sign in)').fill('late-shift');
	await page.getByLabel('PIN', { exact: true }).fill('2468');
	const add = page.getByRole('button', { name: 'Add', exact: true });
	await add.scrollIntoViewIfNeeded();
	await add.click();
	// It was said at the top of the page, out of sight: the cleared form looked like nothing had happened.
	const said = page.getByRole('status').filter({ hasText: 'late-shift can sign in now' });
	await expect(said).toBeInViewport();
	await screenshot(page, 'qa-owner-phone-cashier-added');

	const row = page.getByRole('listitem').filter({ hasText: 'late-shift' });
	await row.getByRole('button', { name: 'New PIN for late-shift' }).click();
	await page.getByRole('dialog').getByLabel('PIN').fill('1357');
	await page.getByRole('dialog').getByRole('button', { name: 'Set PIN' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'New PIN set for late-shift.' })).toBeInViewport();
	await screenshot(page, 'qa-owner-phone-new-pin');
});

test('on a phone, the shop settings saved from the button at their foot say "已保存" on the screen, in Chinese', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.goto('/cashier/shop');
	await page.getByLabel('店名').fill('Demo Café Evening');
	const save = page.getByRole('button', { name: '保存' });
	await save.scrollIntoViewIfNeeded();
	await save.click();
	await expect(page.getByRole('status').filter({ hasText: '已保存。' })).toBeInViewport();
	await captureBoth(page, 'qa-owner-phone-shop-saved-zh');
});
