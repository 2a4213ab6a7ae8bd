/**
 * Two tabs of the counter on one tablet, or of the wallet on one phone, share one sign-in (kept on the device). A tab
 * signed out in the other went on selling as that cashier ("cashier-1 · Sign out · Offline · 2 queued"), and, once the
 * sign-out reached the server, said "the PIN was changed". Now each tab follows the other: signed out there, it shows
 * the sign-in and says it was signed out in another tab or window; signed in there (as someone else too), it takes
 * that sign-in up and says whose the counter is now. A sale begun on the tab is cleared with its sign-in, and said.
 * A sign-in the server ended is still said as such, in both tabs.
 */
import { expect, test } from './fixtures';
import { meStatus } from './support/api';
import { PHONE, TABLET } from './support/browser';
import { expectAccessible, keyAmount, openCounterSignedIn, screenshot, signInCashier, signInCustomer, switchLanguage } from './support/pages';

const TABLET_ELSEWHERE = 'This tablet was signed out in another tab or window. Sign in again.';
const TABLET_ENDED = 'This tablet was signed out: a manager signed it out or changed the PIN, the cashier was removed, or the sign-in ran out. Sign in again.';

test.describe('the counter', () => {
	test.use({ viewport: TABLET });

	test('signed out offline in one tab, the other follows at once, says why and what became of its sale; signed in as the owner there, it is the owner\'s', async ({
		context,
		page,
		server
	}) => {
		const cashier1 = await openCounterSignedIn(page, server.url);
		const other = await context.newPage();
		await other.goto('/cashier');
		await expect(other.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
		// A sale being keyed in the other tab.
		await keyAmount(other, '12');

		await context.setOffline(true);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByLabel('PIN')).toBeVisible();

		await expect(other.getByLabel('PIN')).toBeVisible();
		await expect(other.getByText(TABLET_ELSEWHERE)).toBeVisible();
		await expect(other.getByTestId('sale-left')).toContainText('¥12.00 was keyed here and not charged');
		await expect(other.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
		await screenshot(other, 'qa-tabs-counter-signed-out-elsewhere');

		// Back online, the owner signs in in the first tab; the sign-out of cashier-1 reaches the server meanwhile.
		await context.setOffline(false);
		await signInCashier(page, 'demo-cafe', 'owner', '9999');
		await expect.poll(() => meStatus(server.url, cashier1)).toBe(401);

		await expect(other.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
		await expect(other.locator('header.bar')).toContainText('owner');
		const told = other.getByTestId('signed-in-elsewhere');
		await expect(told).toContainText('Now signed in as owner');
		await expect(told).toContainText('¥12.00 was keyed here and not charged');
		// The sale is not carried over to the owner's counter.
		await expect(other.getByTestId('amount-display')).not.toContainText('12');
		await screenshot(other, 'qa-tabs-counter-signed-in-elsewhere');
		// Reading with the owner's sign-in: no "the PIN was changed".
		await other.getByRole('link', { name: 'Today' }).click();
		await expect(other.locator('#payments-title')).toBeVisible();
		await expect(other.getByText(TABLET_ENDED)).toHaveCount(0);
		await told.getByRole('button', { name: 'OK' }).click();
		await expect(told).toHaveCount(0);
	});

	test('a sign-in the server ended is said as such in both tabs, not as a sign-out in another tab', async ({ context, page, server }) => {
		const token = await openCounterSignedIn(page, server.url);
		const other = await context.newPage();
		await other.goto('/cashier');
		await expect(other.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
		// Ended elsewhere (a new PIN set on another tablet), and learnt by the first tab's next read.
		expect((await fetch(`${server.url}/api/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })).status).toBe(204);
		await page.getByRole('link', { name: 'Today' }).click();
		await expect(page.getByText(TABLET_ENDED)).toBeVisible();
		await expect(other.getByText(TABLET_ENDED)).toBeVisible();
		await expect(other.getByText(TABLET_ELSEWHERE)).toHaveCount(0);
	});
});

test.describe('the wallet', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

	test('signed out in one tab, the other says so; signed in there as another customer, the other is theirs and says so', async ({
		context,
		page,
		server
	}) => {
		await signInCustomer(page, 'alice', '1111');
		const other = await context.newPage();
		await other.setViewportSize(PHONE);
		await other.goto('/customer');
		await expect(other.getByTestId('balance')).toContainText('¥');

		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByLabel('Your handle')).toBeVisible();
		await expect(other.getByLabel('Your handle')).toBeVisible();
		await expect(other.getByText('This phone was signed out in another tab or window. Sign in again to pay.')).toBeVisible();
		await screenshot(other, 'qa-tabs-wallet-signed-out-elsewhere');

		await page.getByLabel('Your handle').fill('bob');
		await page.getByLabel('PIN').fill('2222');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByTestId('balance')).toContainText('¥');

		await expect(other.getByTestId('balance')).toContainText('¥');
		const told = other.getByTestId('other-tab');
		await expect(told).toContainText('Now signed in as bob');
		await screenshot(other, 'qa-tabs-wallet-signed-in-elsewhere');
		await told.getByRole('button', { name: 'OK' }).click();
		await expect(told).toHaveCount(0);
		// Bob's wallet, with his own sign-in: the server knows it.
		const bob = await other.evaluate(() => (JSON.parse(localStorage.getItem('pos.session.customer')!) as { token: string }).token);
		expect(await meStatus(server.url, bob)).toBe(200);
	});
});

test('in Chinese, at a phone\'s widths and a tablet\'s: the other tab\'s words fit and read', async ({ context, page, server }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await openCounterSignedIn(page, server.url);
	const other = await context.newPage();
	await other.setViewportSize({ width: 360, height: 740 });
	await other.goto('/cashier');
	await keyAmount(other, '12');
	await switchLanguage(other);
	await expect(other.locator('button.lang .long')).toHaveText('English');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(other.getByText('这台平板已在另一个标签页或窗口中退出登录。请重新登录。')).toBeVisible();
	await expect(other.getByTestId('sale-left')).toContainText('¥12.00');
	for (const width of [360, 390, 1024]) {
		await other.setViewportSize({ width, height: width > 500 ? 768 : 800 });
		await screenshot(other, `qa-tabs-zh-counter-signed-out-${width}`);
	}
	await expectAccessible(other, 'the sign-in, signed out in another tab');
	// By the fields' names: the first tab is in Chinese too now (the language is the device's).
	await page.locator('input[name="merchant"]').fill('demo-cafe');
	await page.locator('input[name="handle"]').fill('owner');
	await page.locator('input[name="pin"]').fill('9999');
	await page.locator('input[name="pin"]').press('Enter');
	await expect(other.getByTestId('signed-in-elsewhere')).toContainText('现在登录的是 owner');
	for (const width of [360, 390, 1024]) {
		await other.setViewportSize({ width, height: width > 500 ? 768 : 800 });
		await screenshot(other, `qa-tabs-zh-counter-signed-in-${width}`);
	}
	await expectAccessible(other, 'the counter, signed in in another tab');

	await page.goto('/customer');
	await page.locator('input[name="handle"]').fill('alice');
	await page.locator('input[name="pin"]').fill('1111');
	await page.locator('input[name="pin"]').press('Enter');
	await expect(page.getByTestId('balance')).toContainText('¥');
	await other.goto('/customer');
	await expect(other.getByTestId('balance')).toContainText('¥');
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(other.getByText('此手机已在另一个标签页或窗口中退出登录。请重新登录后付款。')).toBeVisible();
	await page.locator('input[name="handle"]').fill('bob');
	await page.locator('input[name="pin"]').fill('2222');
	await page.locator('input[name="pin"]').press('Enter');
	await expect(other.getByTestId('other-tab')).toContainText('现在登录的是 bob');
	for (const width of [360, 390, 1024]) {
		await other.setViewportSize({ width, height: width > 500 ? 768 : 800 });
		await screenshot(other, `qa-tabs-zh-wallet-signed-in-${width}`);
	}
	await expectAccessible(other, 'the wallet, signed in in another tab');
});
