/**
 * Five wrong PINs lock a handle's sign-in for what is left of a 15-minute window (api/auth/throttle.ts). The phone said
 * "Wait a minute, then try again": a customer at the till waited a minute, tried again with the right PIN, was refused
 * again, and again. It said how long the pause can last ("up to 15 minutes"); it now says when it ends, by the
 * server's Retry-After, in both languages.
 */
import { expect, test } from './fixtures';
import { signUpCustomer } from './support/campaigns';
import { screenshot } from './support/pages';
import { pausedUntil } from './support/sign-in-lock';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('after too many wrong PINs the sign-in says until when it is paused, not to wait a minute', async ({ page, server }) => {
	await signUpCustomer(server.url, 's20-locked', '2468');
	await page.goto('/customer');
	await page.getByLabel('Your handle').fill('s20-locked');
	const pin = page.getByLabel('PIN');
	for (let i = 0; i < 5; i++) {
		await pin.fill('1111');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByText('That handle and PIN don’t match.', { exact: false })).toBeVisible();
		// The keyboard stays on the PIN, its wrong digits selected for the next ones to replace (the disabled button
		// left the focus on the page's body: the phone's keyboard went, and the dots had to be deleted one by one).
		await expect(pin).toBeFocused();
		expect(await pin.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 4]);
	}
	// Locked: even the right PIN is refused, and the words say for how long.
	await pin.fill('2468');
	const until = await pausedUntil(page, () => page.getByRole('button', { name: 'Sign in' }).click());
	const said = page.getByText(/^Too many tries with a wrong PIN\. Signing in is paused until (\d\d:\d\d): try again then\.$/);
	await expect(said).toBeVisible();
	expect(until).toContain((await said.textContent())!.match(/\d\d:\d\d/)![0]);
	await expect(page.getByText('Wait a minute')).toHaveCount(0);
	await screenshot(page, 'qa-customer-s20-pin-lockout-360');
	await page.locator('button.lang').click();
	const zh = page.getByText(/^PIN 码错误次数过多，登录已暂停至 (\d\d:\d\d)，请届时再试。$/);
	await expect(zh).toBeVisible();
	expect(until).toContain((await zh.textContent())!.match(/\d\d:\d\d/)![0]);
	await screenshot(page, 'qa-customer-s20-pin-lockout-zh-360');
	void server;
});
