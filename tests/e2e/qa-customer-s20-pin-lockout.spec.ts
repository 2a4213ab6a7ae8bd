/**
 * Five wrong PINs lock a handle's sign-in for what is left of a 15-minute window (api/auth/throttle.ts). The phone said
 * "Wait a minute, then try again": a customer at the till waited a minute, tried again with the right PIN, was refused
 * again, and again. It said how long the pause can last ("up to 15 minutes"); it now says when it ends, by the
 * server's Retry-After, in both languages. Before that, the last two wrong PINs say how many are left (the server's
 * triesLeft), and the fifth says at once that sign-in is paused, not only the sixth try.
 */
import { expect, test } from './fixtures';
import { signUpCustomer } from './support/campaigns';
import { screenshot } from './support/pages';
import { pausedUntil } from './support/sign-in-lock';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('wrong PINs are counted down before the pause, and the pause says until when, not to wait a minute', async ({ page, server }) => {
	await signUpCustomer(server.url, 's20-locked', '2468');
	await page.goto('/customer');
	await page.getByLabel('Your handle').fill('s20-locked');
	const pin = page.getByLabel('PIN');
	const alert = page.locator('.banner .text');
	for (let i = 0; i < 4; i++) {
		await pin.fill('1111');
		await page.getByRole('button', { name: 'Sign in' }).click();
		// The first two are a plain mismatch (a typo is not met with a countdown); the next two say how many are left,
		// on a line of their own.
		const left = ['', '', '2 more wrong PINs and signing in pauses for a while.', '1 more wrong PIN and signing in pauses for a while.'][i];
		await expect(alert).toHaveText(`That handle and PIN don’t match. Check both and try again. Forgot your PIN? The platform’s support can set a new one.${left}`);
		await expect(alert.locator('strong')).toHaveText(left ? [left] : []);
		// The keyboard stays on the PIN, its wrong digits selected for the next ones to replace (the disabled button
		// left the focus on the page's body: the phone's keyboard went, and the dots had to be deleted one by one).
		await expect(pin).toBeFocused();
		expect(await pin.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 4]);
		if (i === 3) await screenshot(page, 'qa-customer-s20-pin-one-left-360');
	}
	// The fifth wrong PIN is the last: its answer says at once until when sign-in is paused.
	await pin.fill('1111');
	const lastUntil = await pausedUntil(page, () => page.getByRole('button', { name: 'Sign in' }).click(), 401);
	const said = page.getByText(/^Too many tries with a wrong PIN\. Signing in is paused until (\d\d:\d\d): try again then\.$/);
	await expect(said).toBeVisible();
	expect(lastUntil).toContain((await said.textContent())!.match(/\d\d:\d\d/)![0]);
	// Locked: even the right PIN is refused, with the same words and time.
	await pin.fill('2468');
	const until = await pausedUntil(page, () => page.getByRole('button', { name: 'Sign in' }).click());
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
