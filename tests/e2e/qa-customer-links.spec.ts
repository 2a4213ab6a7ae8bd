/** A poster's claim link as a customer reads it on the phone, in Chinese and in English. */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const DEMO_THRESHOLD = { demoTitle: '¥10 off orders of ¥50 or more' };

/** A claim link of a Demo Café campaign: the demo's own (found by its title) or a new one. */
async function claimLink(base: string, campaign: { demoTitle: string } | { title: string; rule: object; stock?: number }): Promise<string> {
	const owner = await api.cashierSession(base, 'demo-cafe', 'owner', '9999');
	const call = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${base}/api${path}`, {
			method,
			headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		expect(res.ok, `${path}: ${await res.clone().text()}`).toBe(true);
		return res.json();
	};
	let id: string;
	if ('demoTitle' in campaign) {
		const { campaigns } = (await call('GET', '/campaigns')) as { campaigns: { id: string; title: string }[] };
		id = campaigns.find((c) => c.title === campaign.demoTitle)!.id;
	} else {
		const validUntil = new Date(Date.now() + 30 * 24 * 60 * 60_000).toISOString();
		id = ((await call('POST', '/campaigns', { ...campaign, validUntil })) as { campaign: { id: string } }).campaign.id;
	}
	return ((await call('POST', `/campaigns/${id}/claim-links`, {})) as { link: { path: string } }).link.path;
}

test("an offer in Chinese does not repeat the shop's English title of the same rule, and shows a Chinese title that says more", async ({ page, server }) => {
	const demo = await claimLink(server.url, DEMO_THRESHOLD);
	const dineIn = await claimLink(server.url, { title: '满50减10（仅限堂食）', rule: { kind: 'threshold', minimum: 5_000, off: 1_000 } });
	await page.goto('/');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));

	await page.goto(demo);
	const offer = page.getByTestId('offer');
	await expect(offer.getByRole('heading', { name: '满¥50减¥10' })).toBeVisible();
	await expect(offer).not.toContainText('¥10 off orders of ¥50 or more');
	await screenshot(page, 'qa-claim-zh');

	// Its numbers are the rule's, but "dine-in only" is a condition the customer must read before taking it.
	await page.goto(dineIn);
	await expect(offer.getByRole('heading', { name: '满¥50减¥10' })).toBeVisible();
	await expect(offer).toContainText('满50减10（仅限堂食）');

	// In English the demo's title is the rule's own wording: said once.
	await page.evaluate(() => localStorage.setItem('pos.lang', 'en'));
	await page.goto(demo);
	await expect(offer.getByRole('heading', { name: '¥10 off orders of ¥50 or more' })).toBeVisible();
	await expect(offer.getByText('¥10 off orders of ¥50 or more')).toHaveCount(1);
});

test('a claim refused for good says why and leads to the coupons, with no button that can only be refused again', async ({ page, server }) => {
	// Carol holds the demo's coupon already, and the campaign allows one each: signing in on the offer tells her so
	// at once, with no button to tap first.
	const demo = await claimLink(server.url, DEMO_THRESHOLD);
	await page.goto(demo);
	await page.getByLabel('Your handle').fill('carol');
	await page.getByLabel('PIN').fill('3333');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('You already have as many of these coupons as the offer allows.')).toBeVisible();
	await expect(page.getByTestId('claim-signed-in-as')).toHaveText('Signed in as carol');
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toHaveAttribute('href', '/customer');
	await screenshot(page, 'qa-claim-held');
	// Not carol's phone after all: "Not you?" under the answer to her claim offers the coupon to whoever signs in
	// next, with the sign-in (the answer was hers, and stayed on screen with no way on). Carol signs in again.
	await page.getByRole('button', { name: 'Not you? Sign out' }).click();
	await expect(page.getByText('You already have as many of these coupons as the offer allows.')).toHaveCount(0);
	await page.getByLabel('Your handle').fill('carol');
	await page.getByLabel('PIN').fill('3333');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('You already have as many of these coupons as the offer allows.')).toBeVisible();

	// The last coupon of an offer taken by someone else while her page showed it: refused on the tap, said why.
	const lastOne = await claimLink(server.url, { title: 'The last one', rule: { kind: 'fixed', off: 100 }, stock: 1 });
	await page.goto(lastOne);
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toBeVisible();
	await api.created(server.url, await api.customerToken(server.url, 'bob', '2222'), `/claims/${lastOne.split('/').pop()}`, {});
	await page.getByRole('button', { name: 'Get the coupon' }).click();
	await expect(page.getByText('Sorry, all the coupons of this offer have been given out.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toHaveAttribute('href', '/customer');
	await screenshot(page, 'qa-claim-refused');
});

test('a phone signed in as someone else: "Not you?" signs them out on the offer, and the coupon goes to who signs in', async ({ page, server }) => {
	const link = await claimLink(server.url, { title: 'For whoever holds the phone', rule: { kind: 'fixed', off: 200 } });
	// Alice left the phone signed in; the link opened on it takes nothing until someone taps "Get the coupon".
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await page.goto(link);
	await expect(page.getByTestId('claim-signed-in-as')).toHaveText('Signed in as alice');
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toBeVisible();
	await screenshot(page, 'qa-claim-not-you');

	// Bob picks up the phone alice left signed in.
	await page.getByRole('button', { name: 'Not you? Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect(page.getByTestId('offer')).toContainText('For whoever holds the phone'); // still the same offer
	await page.getByLabel('Your handle').fill('bob');
	await page.getByLabel('PIN').fill('2222');
	await page.getByRole('button', { name: 'Sign in' }).click();
	// Signed in under "Sign in to get this coupon": the coupon is his at once, no further tap.
	await expect(page.getByRole('status').filter({ hasText: 'It’s yours! The coupon is in your wallet.' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toBeVisible();

	const titles = async (handle: string, pin: string) => (await api.coupons(server.url, await api.customerToken(server.url, handle, pin))).map((c) => c.title);
	expect(await titles('bob', '2222')).toContain('For whoever holds the phone');
	expect(await titles('alice', '1111')).not.toContain('For whoever holds the phone');
});

test('a customer new to the app creates a wallet on a claim link and has the coupon, with no second screen to tap', async ({ page, server }) => {
	const link = await claimLink(server.url, { title: 'Welcome to Demo Café', rule: { kind: 'fixed', off: 300 } });
	const claims: (string | null)[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().includes('/api/claims/')) claims.push(r.headers()['idempotency-key'] ?? null);
	});
	await page.goto(link);
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create a wallet to get this coupon' });
	await card.getByLabel('Your handle').fill('dana.wu');
	await card.getByLabel('PIN', { exact: true }).fill('4826');
	await card.getByLabel('PIN again').fill('4826');
	await card.getByRole('button', { name: 'Create wallet' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'It’s yours! The coupon is in your wallet.' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toHaveAttribute('href', '/customer');
	await screenshot(page, 'qa-claim-signup-got-360');
	await page.locator('button.lang').click();
	await expect(page.getByText('领取成功！优惠券已放入您的钱包。')).toBeVisible();
	await screenshot(page, 'qa-claim-signup-got-zh-360');

	// One claim, sent with an Idempotency-Key as the button's is; the coupon is in the new wallet.
	expect(claims).toHaveLength(1);
	expect(claims[0]).toMatch(/^[0-9a-f-]{36}$/);
	const titles = (await api.coupons(server.url, await api.customerToken(server.url, 'dana.wu', '4826'))).map((c) => c.title);
	expect(titles).toEqual(['Welcome to Demo Café']);
});

test('a wallet made on a claim link whose last coupon went meanwhile says so, as the button would, and leads to the coupons', async ({ page, server }) => {
	const lastOne = await claimLink(server.url, { title: 'Only one left', rule: { kind: 'fixed', off: 100 }, stock: 1 });
	await page.goto(lastOne);
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create a wallet to get this coupon' });
	await card.getByLabel('Your handle').fill('late.lee');
	await card.getByLabel('PIN', { exact: true }).fill('4826');
	await card.getByLabel('PIN again').fill('4826');
	// Bob takes the last one while the form is filled in.
	await api.created(server.url, await api.customerToken(server.url, 'bob', '2222'), `/claims/${lastOne.split('/').pop()}`, {});
	await card.getByRole('button', { name: 'Create wallet' }).click();

	await expect(page.getByRole('alert').filter({ hasText: 'Sorry, all the coupons of this offer have been given out.' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toHaveAttribute('href', '/customer');
	// The wallet is made all the same, and signed in to.
	expect(await api.balance(server.url, await api.customerToken(server.url, 'late.lee', '4826'))).toBe(0);
});
