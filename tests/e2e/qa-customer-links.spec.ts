/** A poster's claim link as a customer reads it on the phone, in Chinese and in English. */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { screenshot } from './support/pages';

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
	await expect(page.getByRole('button', { name: 'Get the coupon' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toHaveAttribute('href', '/customer');
	await screenshot(page, 'qa-claim-held');

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
	await page.goto(link);
	await page.getByLabel('Your handle').fill('alice');
	await page.getByLabel('PIN').fill('1111');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('claim-signed-in-as')).toHaveText('Signed in as alice');
	await screenshot(page, 'qa-claim-not-you');

	// Bob picks up the phone alice left signed in.
	await page.getByRole('button', { name: 'Not you? Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect(page.getByTestId('offer')).toContainText('For whoever holds the phone'); // still the same offer
	await page.getByLabel('Your handle').fill('bob');
	await page.getByLabel('PIN').fill('2222');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('claim-signed-in-as')).toHaveText('Signed in as bob');
	await page.getByRole('button', { name: 'Get the coupon' }).click();
	await expect(page.getByRole('link', { name: 'Go to my coupons' })).toBeVisible();

	const titles = async (handle: string, pin: string) => (await api.coupons(server.url, await api.customerToken(server.url, handle, pin))).map((c) => c.title);
	expect(await titles('bob', '2222')).toContain('For whoever holds the phone');
	expect(await titles('alice', '1111')).not.toContain('For whoever holds the phone');
});
