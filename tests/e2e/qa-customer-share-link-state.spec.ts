/**
 * A share's link once it is used up (the friend accepted it, it ran out, or it was taken back) was still offered
 * under the coupon as live, "Shared — waiting for your friend" with "Copy link again", until a tap found out. And the
 * sharer who opened their own link after the friend accepted it saw a warning, as if something had gone wrong.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { grantCampaign, signUpCustomer } from './support/campaigns';
import { openCustomerSignedIn, preloadChinese, screenshot, switchLanguage } from './support/pages';

test.use({ isMobile: true, hasTouch: true });
test.beforeEach(async ({ context }) => {
	// No Web Share sheet here: sharing falls back to copying the link.
	await context.addInitScript(() => delete (Navigator.prototype as { share?: unknown }).share);
});

const SIZES = [
	{ width: 390, height: 844 },
	{ width: 360, height: 640 }
];

/** The customer's shareable coupon, offered to a friend through the API: its id and the link's token. */
async function offered(base: string, token: string, title?: string): Promise<{ id: string; shareToken: string }> {
	const coupon = (await api.coupons(base, token)).find((c) => c.state === 'available' && (title ? c.title === title : c.rule.kind === 'fixed'))!;
	return { id: coupon.id, shareToken: await api.shareCoupon(base, token, coupon.id) };
}

const AT_SIZES = SIZES.map((s) => `${s.width}×${s.height}`).join(' and ');

// The offer runs out once (a 15 s wait); what it says is then checked at each size by resizing the same page.
test(`an offer that runs out unaccepted says so under its coupon and its link is no longer offered (at ${AT_SIZES})`, async ({ page, context, server }) => {
	await page.setViewportSize(SIZES[0]!);
	const handle = 'gina';
	await signUpCustomer(server.url, handle, '7351');
	const endsAt = Date.now() + 15_000;
	await grantCampaign(server.url, handle, { title: 'Lunch ¥3 off', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(endsAt).toISOString(), shareable: true });
	const token = await api.customerToken(server.url, handle, '7351');
	const { id } = await offered(server.url, token, 'Lunch ¥3 off');
	await openCustomerSignedIn(page, server.url, handle, '7351');
	const card = page.getByTestId(`share-${id}`);
	await expect(card).toContainText('Shared — waiting for your friend');
	await expect(card.getByRole('button', { name: 'Copy link again' })).toBeVisible();
	// No new read of the coupons comes meanwhile (a phone in a basement, or between two of its reads).
	await preloadChinese(page);
	await context.setOffline(true);

	await expect(card).toContainText('Expired before your friend accepted it: the link no longer works.', { timeout: endsAt - Date.now() + 5_000 });
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await expect(card).toContainText('Expired before your friend accepted it: the link no longer works.');
		await expect(card).not.toContainText('waiting for your friend');
		await expect(card.getByRole('button')).toHaveCount(0);
		await card.scrollIntoViewIfNeeded();
		await screenshot(page, `qa-customer-share-lapsed-${size.width}x${size.height}`);
		await switchLanguage(page);
		await expect(card).toContainText('在朋友领取之前已过期，链接已失效。');
		await screenshot(page, `qa-customer-share-lapsed-zh-${size.width}x${size.height}`);
		await switchLanguage(page);
	}
	await context.setOffline(false);
});

test('the friend accepted before the phone read it again: “Copy link again” says so and offers the dead link no more', async ({ page, server }) => {
	await page.setViewportSize(SIZES[0]!);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const { id, shareToken } = await offered(server.url, bob);
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const card = page.getByTestId(`share-${id}`);
	await expect(card).toContainText('Shared — waiting for your friend');
	// The phone's next read of its coupons is held back (it comes every so often): the friend accepts meanwhile.
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/coupons', async (route) => {
		await released;
		await route.continue();
	});
	const alice = await api.customerToken(server.url, 'alice', '1111');
	expect(await api.claimShare(server.url, alice, shareToken)).toBe(201);

	await card.getByRole('button', { name: 'Copy link again' }).click();
	await expect(card).toContainText('Your friend has accepted this coupon: the link is used up.');
	await expect(card).not.toContainText('Link copied');
	await expect(card.getByTestId('share-link')).toHaveCount(0);
	await expect(card.getByRole('button')).toHaveCount(0);
	await screenshot(page, 'qa-customer-share-accepted-copy-390x844');
	release();
	await expect(page.getByTestId('given-coupons')).toContainText('Given to alice');
	await expect(page.getByTestId(`share-${id}`)).toHaveCount(0);
	// The card and its message have gone with the coupon: the given list says what the tap found.
	await expect(page.getByTestId('given-coupons').getByRole('alert')).toHaveText('alice has accepted it: the link you copied is used up.');
	await screenshot(page, 'qa-customer-share-accepted-copy-given-390x844');
});

test(`the sharer opening their own link after the friend accepted it reads it as done, not as a warning (at ${AT_SIZES})`, async ({ page, server }) => {
	await page.setViewportSize(SIZES[0]!);
	const handle = 'hugo';
	await signUpCustomer(server.url, handle, '7351');
	await grantCampaign(server.url, handle, { title: 'Tea ¥2 off', rule: { kind: 'fixed', off: 200 }, validUntil: new Date(Date.now() + 86_400_000).toISOString(), shareable: true });
	const token = await api.customerToken(server.url, handle, '7351');
	const { shareToken } = await offered(server.url, token, 'Tea ¥2 off');
	const alice = await api.customerToken(server.url, 'alice', '1111');
	expect(await api.claimShare(server.url, alice, shareToken)).toBe(201);

	await openCustomerSignedIn(page, server.url, handle, '7351');
	await page.goto(`/claim/s/${shareToken}`);
	const done = page.locator('.banner.success');
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await expect(done).toContainText('Your friend has accepted this coupon: it is in their wallet now.');
		await expect(done.locator('.icon')).toHaveText('✓');
		// Their own offer, not "hugo offers you a coupon".
		await expect(page.getByTestId('offer')).toContainText('The coupon you offered a friend');
		await expect(page.getByTestId('offer')).not.toContainText('offers you a coupon');
		await expect(page.locator('.banner.warning')).toHaveCount(0);
		await expect(page.getByRole('alert')).toHaveCount(0);
		await screenshot(page, `qa-customer-own-share-accepted-${size.width}x${size.height}`);
		await switchLanguage(page);
		await expect(done).toContainText('朋友已领取了这张券，券已在对方的钱包里。');
		await screenshot(page, `qa-customer-own-share-accepted-zh-${size.width}x${size.height}`);
		await switchLanguage(page);
	}
});

test('an offer that lapsed or was taken back by someone else keeps its warning for the friend', async ({ page, server }) => {
	await page.setViewportSize(SIZES[1]!);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const { shareToken } = await offered(server.url, carol);
	expect(await api.takeBackShare(server.url, carol, shareToken)).toBe(204);
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await page.goto(`/claim/s/${shareToken}`);
	await expect(page.locator('.banner.warning')).toContainText('carol has taken this coupon back.');
});

test('the sharer signing in on their own open link is told it is theirs to send; signing in there accepts nothing', async ({ page, server }) => {
	const handle = 'ines';
	await signUpCustomer(server.url, handle, '7351');
	await grantCampaign(server.url, handle, { title: 'Cake ¥3 off', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(Date.now() + 86_400_000).toISOString(), shareable: true });
	const { shareToken } = await offered(server.url, await api.customerToken(server.url, handle, '7351'), 'Cake ¥3 off');
	let accepts = 0;
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().endsWith(`/shares/${shareToken}/claim`)) accepts++;
	});

	await page.goto(`/claim/s/${shareToken}`);
	await page.getByLabel('Your handle').fill(handle);
	await page.getByLabel('PIN').fill('7351');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.locator('.banner.info')).toContainText('This is your own offer: send the link to a friend instead.');
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(accepts).toBe(0);
});
