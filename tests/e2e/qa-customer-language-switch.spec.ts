/**
 * A customer who switches the language after a message is on screen reads that message in the new language: the
 * sign-in card's "handle and PIN don't match", the share card's "Link copied" and a claim's outcome stayed in the
 * language they were first said in, beside a screen otherwise in the other one.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
test.beforeEach(async ({ context }) => {
	await context.addInitScript(() => delete (Navigator.prototype as { share?: unknown }).share);
});

const switchLanguage = (page: Page) => page.locator('button.lang').click();

test('a wrong PIN at sign-in is said in Chinese once the phone is switched to Chinese, and in English again after', async ({ page }) => {
	await page.goto('/customer');
	await page.getByLabel('Your handle').fill('alice');
	await page.getByLabel('PIN').fill('9999');
	await page.getByRole('button', { name: 'Sign in' }).click();
	const english = 'That handle and PIN don’t match. Check both and try again. Forgot your PIN? The platform’s support can set a new one.';
	await expect(page.getByText(english)).toBeVisible();

	await switchLanguage(page);
	await expect(page.getByText('用户名和 PIN 码不匹配，请检查后重试。忘记 PIN 码？请联系平台客服重设。')).toBeVisible();
	await expect(page.getByText(english)).toHaveCount(0);
	await screenshot(page, 'qa-customer-signin-wrong-pin-zh-360');
	await switchLanguage(page);
	await expect(page.getByText(english)).toBeVisible();
});

test('a shared coupon’s “Link copied” and a friend’s “It’s yours” follow a change of language', async ({ page, server, browser, context }) => {
	// "Link copied" is said only when the clipboard took it (qa-customer-h-share-not-copied.spec.ts).
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await page.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(page.getByText('Link copied. Send it to your friend:')).toBeVisible();
	await switchLanguage(page);
	await expect(page.getByText('链接已复制，发给您的朋友：')).toBeVisible();
	await expect(page.getByText('Link copied. Send it to your friend:')).toHaveCount(0);
	const link = await page.getByTestId('share-link').inputValue();

	const friend = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
	const phone = await friend.newPage();
	await openCustomerSignedIn(phone, server.url, 'alice', '1111');
	await phone.goto(link);
	await phone.getByRole('button', { name: 'Accept the coupon' }).click();
	await expect(phone.getByText('It’s yours! bob’s coupon is now in your wallet.')).toBeVisible();
	await switchLanguage(phone);
	await expect(phone.getByText('领取成功！bob 的优惠券已放入您的钱包。')).toBeVisible();
	await screenshot(phone, 'qa-customer-share-got-zh-360');
	await friend.close();
});

test('the language button is a full touch target (44×44 px at least) on a phone, in either language', async ({ page }) => {
	await page.goto('/customer');
	for (const label of ['中文', 'EN']) {
		const button = page.locator('button.lang');
		await expect(button).toContainText(label);
		const box = (await button.boundingBox())!;
		expect(box.width, `"${label}" is wide enough`).toBeGreaterThanOrEqual(44);
		expect(box.height).toBeGreaterThanOrEqual(44);
		await switchLanguage(page);
	}
});
