/**
 * A customer shares a coupon and the friend accepts it. The sharer's phone went on saying "Shared — waiting for
 * your friend", with "Take back", until a reload: coming back to the app (from the chat the link went through), or
 * simply keeping it open, now shows the coupon as given.
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

/** `sharer` shares their ¥5 off coupon on this phone; alice accepts it on hers. */
async function shareAndLetAliceAccept(page: Page, base: string, sharer: [string, string]): Promise<void> {
	await openCustomerSignedIn(page, base, ...sharer);
	await page.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(page.getByText('Shared — waiting for your friend')).toBeVisible();
	const token = (await page.getByTestId('share-link').inputValue()).split('/').at(-1)!;
	const alice = await api.customerToken(base, 'alice', '1111');
	const res = await fetch(`${base}/api/shares/${token}/claim`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: '{}'
	});
	expect(res.status).toBe(201);
}

async function expectGiven(page: Page, timeout?: number): Promise<void> {
	await expect(page.getByTestId('given-coupons')).toContainText('Given to alice', { timeout });
	await expect(page.getByText('Shared — waiting for your friend')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Take back' })).toHaveCount(0);
}

test('back in the app after sending the link, the sharer sees the coupon given, without a reload', async ({ page, server }) => {
	await shareAndLetAliceAccept(page, server.url, ['bob', '2222']);
	// The phone's own chat app had the screen meanwhile; the coupon app comes back to it.
	await page.evaluate(() => {
		const set = (state: string) => {
			Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		};
		set('hidden');
		set('visible');
	});
	await expectGiven(page, 3_000);
	await screenshot(page, 'qa-customer-share-accepted-360');
});

test('with the app left open, the sharer sees the coupon given within moments', async ({ page, server }) => {
	await shareAndLetAliceAccept(page, server.url, ['carol', '3333']);
	await expectGiven(page, 15_000);
});
