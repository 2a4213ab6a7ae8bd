/**
 * On a flaky phone network a request can reach the server and its answer never come back. Sign-up and sharing a
 * coupon now carry an Idempotency-Key made once per tap and kept for its retries: tapped again, they are answered
 * as the first try was. Before, a sign-up answered by a proxy's error instead of the server, tapped again, was
 * told its own handle was taken, and a share tapped again was told the coupon could not be shared.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { captureBoth, openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/**
 * The first request of this method to `url` reaches the server, which does what it asks; the phone gets no answer
 * (`abort`) or a proxy's 502 in its place. Returns the Idempotency-Keys each request carried.
 */
async function loseFirstAnswer(page: import('@playwright/test').Page, url: string, how: 'abort' | 'bad-gateway'): Promise<(string | undefined)[]> {
	const keys: (string | undefined)[] = [];
	await page.route(url, async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		keys.push(route.request().headers()['idempotency-key']);
		if (keys.length > 1) return route.continue();
		const served = await route.fetch();
		expect(served.status()).toBe(201);
		if (how === 'abort') await route.abort('connectionreset');
		else await route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' });
	});
	return keys;
}

async function fillSignUp(page: import('@playwright/test').Page, handle: string, pin: string) {
	await page.goto('/customer');
	await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
	const card = page.getByRole('region', { name: 'Create your wallet' });
	await card.getByLabel('Your handle').fill(handle);
	await card.getByLabel('PIN', { exact: true }).fill(pin);
	await card.getByLabel('PIN again').fill(pin);
	return card;
}

test('a sign-up whose answer was lost, tapped again, lands in the new wallet, signed in', async ({ page, server }) => {
	const keys = await loseFirstAnswer(page, '**/api/customers', 'abort');
	const card = await fillSignUp(page, 'lost-gina', '4826');
	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(card.getByText('Could not reach the server. Check the connection and try again.')).toBeVisible();

	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥0.00');
	await expect(page.getByText('lost-gina', { exact: true })).toBeVisible();
	await expect(page.getByText('That handle is taken')).toHaveCount(0);
	// One intent, one key: the retry was the same request, answered by the server as the first.
	expect(keys).toHaveLength(2);
	expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
	expect(keys[1]).toBe(keys[0]);
	expect(await api.balance(server.url, await api.customerToken(server.url, 'lost-gina', '4826'))).toBe(0);
});

test('a sign-up the server made but a proxy answered with an error, tapped again, is signed in, not told the handle is taken', async ({ page, server }) => {
	await loseFirstAnswer(page, '**/api/customers', 'bad-gateway');
	const card = await fillSignUp(page, 'proxied-hana', '5937');
	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(card.getByText('Please try again.')).toBeVisible();
	await screenshot(page, 'qa-customer-signup-lost-answer');

	await card.getByRole('button', { name: 'Create wallet' }).click();
	await expect(page.getByTestId('balance')).toHaveText('¥0.00');
	await expect(page.getByText('proxied-hana', { exact: true })).toBeVisible();
	await expect(page.getByText('That handle is taken')).toHaveCount(0);
	expect(await api.balance(server.url, await api.customerToken(server.url, 'proxied-hana', '5937'))).toBe(0);
});

test('a share whose answer was lost, tapped again, gives the link of the one offer made', async ({ page, server }) => {
	const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const keys = await loseFirstAnswer(page, '**/api/coupons/*/shares', 'abort');
	const group = page.getByRole('group', { name: '¥5 off', exact: true });
	await group.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(group.getByText('Could not reach the server. Check the connection and try again.')).toBeVisible();

	await group.getByRole('button', { name: 'Share with a friend' }).click();
	await expect(page.getByText('Shared — waiting for your friend')).toBeVisible();
	await expect(page.getByText('can’t be shared')).toHaveCount(0);
	const link = await page.getByTestId('share-link').inputValue();
	// The link shown is the offer the first tap made: the coupon is on offer once, under that link.
	const offered = (await api.coupons(server.url, bob)).filter((c) => c.state === 'shared');
	expect(offered).toHaveLength(1);
	expect(link).toMatch(new RegExp(`/claim/s/${offered[0]!.shareToken}$`));
	expect(keys).toHaveLength(2);
	expect(keys[1]).toBe(keys[0]);
	await captureBoth(page, 'qa-customer-share-after-lost-answer');
});
