/**
 * A handle as long as sign-up allows (40 characters) fits every screen that prints it. With no place to break, it
 * pushed "Add money" half off the balance card and made the whole wallet scroll sideways at 390 and 360 px: the first
 * thing a new wallet (at ¥0.00) needs was out of reach.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { grantCampaign, signUpCustomer } from './support/campaigns';
import { topUp } from './support/customers';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ isMobile: true, hasTouch: true });

/** No place to break at all. */
const UNBROKEN = 'abcdefghijabcdefghijabcdefghijabcdefghij';
/** Breaks only at its hyphen, near the end. */
const HYPHENATED = 'maximilian.alexander_wolfeschlegel-99999';

const SIZES = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 }
];

async function useLanguage(page: Page, lang: 'en' | 'zh'): Promise<void> {
	await page.goto('/api/health');
	await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
}

/**
 * The page does not scroll sideways: nothing reaches past the right edge of the screen. Against the screen's width as
 * set, not innerWidth: a phone browser widens its layout viewport to a page that overflows (and zooms out to it).
 */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
	const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
	const { width } = page.viewportSize()!;
	expect(widths.scroll, `${screen}: page width against the screen's`).toBeLessThanOrEqual(width);
	expect(widths.inner, `${screen}: the layout viewport, not widened to the page`).toBe(width);
}

/**
 * "Add money" on the card beside the handle; at ¥0.00 it leads the payment-code bar instead (customer/+page.svelte),
 * where it must be on the screen, and the handle has the card's width.
 */
async function expectAddMoneyOnCard(page: Page, screen: string, onCard: boolean): Promise<void> {
	const card = (await page.locator('section[aria-labelledby="balance-label"]').boundingBox())!;
	const addMoney = page.getByRole('button', { name: /^(Add money|充值)$/ });
	const viewport = page.viewportSize()!;
	if (!onCard) {
		await expect(page.locator('section[aria-labelledby="balance-label"]').getByRole('button'), screen).toHaveCount(0);
		const inBar = (await addMoney.boundingBox())!;
		expect(inBar.x + inBar.width, `${screen}: "Add money" ends inside the screen`).toBeLessThanOrEqual(viewport.width);
		const whoBox = (await page.locator('section[aria-labelledby="balance-label"] .who').boundingBox())!;
		expect(whoBox.x + whoBox.width, `${screen}: the handle ends inside the card`).toBeLessThanOrEqual(card.x + card.width);
		return;
	}
	const button = (await addMoney.boundingBox())!;
	expect(button.x, screen).toBeGreaterThanOrEqual(card.x);
	expect(button.x + button.width, `${screen}: "Add money" ends inside the card`).toBeLessThanOrEqual(card.x + card.width);
	expect(card.x + card.width, `${screen}: the card ends inside the screen`).toBeLessThanOrEqual(viewport.width);
	// The handle is all there, on the card, broken over lines rather than cut off.
	const who = page.locator('section[aria-labelledby="balance-label"] .who');
	const text = (await who.textContent())!.trim();
	expect(text === UNBROKEN || text === HYPHENATED, screen).toBe(true);
	const whoBox = (await who.boundingBox())!;
	expect(whoBox.x + whoBox.width, `${screen}: the handle ends before the button`).toBeLessThanOrEqual(button.x);
}

test.beforeAll(async ({ server }) => {
	await signUpCustomer(server.url, UNBROKEN, '246810');
	// With money in, "Add money" is on the card beside the handle; the other wallet stays at ¥0.00 (it is in the bar).
	await topUp(server.url, await api.customerToken(server.url, UNBROKEN, '246810'), 1_000);
	await signUpCustomer(server.url, HYPHENATED, '135790');
	await grantCampaign(server.url, UNBROKEN, {
		title: 'A gift to pass on',
		rule: { kind: 'fixed', off: 300 },
		shareable: true,
		validUntil: new Date(Date.now() + 24 * 60 * 60_000).toISOString()
	});
});

// Each wallet is opened once and measured at every size (by resizing the same page) and in both languages (switched
// in place): the layout is what is checked, not how the wallet opens.
test(`at ${SIZES.map((s) => `${s.width}×${s.height}`).join(', ')} (en and zh) the wallet of a 40-character handle keeps "Add money" on its card (at ¥0.00 in the bar) and does not scroll sideways`, async ({ page, server }) => {
	await page.setViewportSize(SIZES[0]!);
	await useLanguage(page, 'en');
	const handles = [
		[UNBROKEN, '246810'],
		[HYPHENATED, '135790']
	] as const;
	for (const [handle, pin] of handles) {
		await openCustomerSignedIn(page, server.url, handle, pin);
		for (const lang of ['en', 'zh'] as const) {
			if (lang === 'zh') {
				await switchLanguage(page);
				await expect(page.locator('button.lang .long')).toHaveText('English');
			}
			for (const size of SIZES) {
				await page.setViewportSize(size);
				const screen = `${handle} at ${size.width}×${size.height} (${lang})`;
				await expectNoSidewaysScroll(page, screen);
				await expectAddMoneyOnCard(page, screen, handle === UNBROKEN);
				// The screenshots are of the last wallet, as before.
				if (handle === HYPHENATED) await screenshot(page, `qa-customer-long-handle-home-${lang}-${size.width}x${size.height}`);
			}
		}
		await switchLanguage(page);
		await expect(page.locator('button.lang .long')).toHaveText('简体中文');
	}
});

test('a share from a 40-character handle, the friend signed in with one, and "Given to …" fit a 360 px phone', async ({ page, server }) => {
	await page.setViewportSize({ width: 360, height: 640 });
	const giver = await api.customerToken(server.url, UNBROKEN, '246810');
	const gift = (await api.coupons(server.url, giver)).find((c) => c.title === 'A gift to pass on')!;
	const res = await fetch(`${server.url}/api/coupons/${gift.id}/shares`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${giver}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: '{}'
	});
	expect(res.status).toBe(201);
	const { share } = (await res.json()) as { share: { path: string } };

	// The friend, signed in with a long handle of their own, opens the link: "… offers you a coupon", "Signed in as …".
	await openCustomerSignedIn(page, server.url, HYPHENATED, '135790');
	await page.goto(share.path);
	await expect(page.getByText(`${UNBROKEN} offers you a coupon`)).toBeVisible();
	await expect(page.getByTestId('claim-signed-in-as')).toHaveText(`Signed in as ${HYPHENATED}`);
	await expectNoSidewaysScroll(page, 'the share link');
	await screenshot(page, 'qa-customer-long-handle-share-360x640');
	await page.getByRole('button', { name: 'Accept the coupon' }).click();
	await expect(page.getByText(/It’s yours!/)).toBeVisible();
	await expectNoSidewaysScroll(page, 'the share link, accepted');

	// The giver's wallet says where the coupon went.
	await openCustomerSignedIn(page, server.url, UNBROKEN, '246810');
	await expect(page.getByTestId('given-coupons')).toContainText(`Given to ${HYPHENATED}`);
	await expectNoSidewaysScroll(page, '"Given to …"');
	const given = (await page.getByTestId('given-coupons').locator('li').boundingBox())!;
	expect(given.x + given.width).toBeLessThanOrEqual(360);
	await page.getByTestId('given-coupons').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-customer-long-handle-given-360x640');
});
