/**
 * A customer shares a coupon and taps "Take back" just after the friend accepted it (the phone had not heard yet).
 * The server refuses the take-back (409 ALREADY_CLAIMED); the card then left the list and the refusal with it, so
 * the coupon simply vanished. The phone now says the friend accepted it first, and shows it among the given ones.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
test.beforeEach(async ({ context }) => {
	// No Web Share sheet here: sharing falls back to copying the link, which is shown.
	await context.addInitScript(() => delete (Navigator.prototype as { share?: unknown }).share);
});

/** Shares the ¥5 off coupon on this phone (the only shareable one of the demo's) and returns the share's token. */
async function share(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Share with a friend' }).first().click();
	await expect(page.getByText('Shared — waiting for your friend')).toBeVisible();
	return (await page.getByTestId('share-link').inputValue()).split('/').at(-1)!;
}

async function sendAs(base: string, token: string, method: string, path: string): Promise<number> {
	const res = await fetch(`${base}/api${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: method === 'DELETE' ? undefined : '{}'
	});
	return res.status;
}

test('"Take back" after the friend accepted says they accepted it first, and shows the coupon as given', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const token = await share(page);
	// alice accepts on her phone; bob's phone still shows the offer open.
	const alice = await api.customerToken(server.url, 'alice', '1111');
	expect(await sendAs(server.url, alice, 'POST', `/shares/${token}/claim`)).toBe(201);
	await expect(page.getByText('Shared — waiting for your friend')).toBeVisible();

	await page.getByRole('button', { name: 'Take back' }).click();

	const given = page.getByTestId('given-coupons');
	await expect(given.getByRole('alert')).toHaveText('alice accepted it before you could take it back.');
	await expect(given).toContainText('Given to alice');
	await expect(page.getByText('Shared — waiting for your friend')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Take back' })).toHaveCount(0);
	await expect(given.getByRole('alert')).toBeInViewport();
	await screenshot(page, 'qa-customer-take-back-too-late-360');
	await page.setViewportSize({ width: 768, height: 1024 });
	await screenshot(page, 'qa-customer-take-back-too-late-768');

	// In Chinese too, and the words follow a change of language made after the tap.
	await page.locator('button.lang').click();
	await expect(given.getByRole('alert')).toHaveText('alice 在您收回之前已领取了这张券。');
	await expect(given).toContainText('已送给 alice');
	await screenshot(page, 'qa-customer-take-back-too-late-zh-768');
	await page.setViewportSize({ width: 360, height: 740 });
	await screenshot(page, 'qa-customer-take-back-too-late-zh-360');
});

test('the "accepted it first" notice is said once: back on the wallet from the history, it is not said again', async ({ page, server }) => {
	const handle = `late-${Date.now().toString(36)}`;
	const signedUp = await fetch(`${server.url}/api/customers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ handle, pin: '1234' }) });
	expect(signedUp.status).toBe(201);
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const token = await share(page);
	const friend = await api.customerToken(server.url, handle, '1234');
	expect(await sendAs(server.url, friend, 'POST', `/shares/${token}/claim`)).toBe(201);
	await page.getByRole('button', { name: 'Take back' }).click();
	const given = page.getByTestId('given-coupons');
	await expect(given.getByRole('alert')).toHaveText(`${handle} accepted it before you could take it back.`);

	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page).toHaveURL(/\/customer\/history$/);
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(given).toContainText(`Given to ${handle}`);
	// Read, then left: the wallet opens as it always does, with nothing announced again (an alert is read out
	// each time it appears).
	await expect(given.getByRole('alert')).toHaveCount(0);
});

test('"Take back" on an offer already taken back on another phone says the coupon is back, and the card stays', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	const token = await share(page);
	// carol's other phone takes it back first.
	const carol = await api.customerToken(server.url, 'carol', '3333');
	expect(await sendAs(server.url, carol, 'DELETE', `/shares/${token}`)).toBe(204);

	await page.getByRole('button', { name: 'Take back' }).click();
	await expect(page.getByText('Taken back: the coupon is yours to use again.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Share with a friend' })).toBeVisible();
	await expect(page.getByTestId('given-coupons')).toHaveCount(0);
});

test('a take-back the server fails (500) is said in the customer’s language by its code, never in the server’s English', async ({ page, server }) => {
	// A coupon to share: carol's ¥5 off (taken back in this file's test above, so hers again).
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	await page.getByRole('button', { name: '分享给朋友' }).first().click();
	await expect(page.getByText('已分享——等待朋友领取')).toBeVisible();
	const english = 'Something went wrong on our side; retrying with the same Idempotency-Key is safe.';
	await page.route('**/api/shares/*', (route) =>
		route.request().method() === 'DELETE' ? route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: english } } }) : route.continue()
	);
	await page.getByRole('button', { name: '收回' }).click();
	await expect(page.getByText('未能完成（INTERNAL），请稍后再试。')).toBeVisible();
	await expect(page.getByText(english)).toHaveCount(0);
	// Still on offer, as it is: it can be taken back again.
	await expect(page.getByRole('button', { name: '收回' })).toBeVisible();
	await screenshot(page, 'qa-customer-take-back-failed-zh-360');
	await page.evaluate(() => localStorage.removeItem('pos.lang'));
});
