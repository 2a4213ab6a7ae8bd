/**
 * A customer signs out while the phone is offline. The phone forgot the token, but the server never heard of the
 * sign-out: the session lived on until it ran out (12 h), and whoever had copied the token could still use it. Now the
 * sign-out is noted and sent when the network returns or the app next starts, with the ended sign-in's own token, as
 * the tablet's is (qa-cashier-offline-sign-out.spec.ts). The phone loads that code only then (its first load has no
 * room for it), from the service worker when offline.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { controlledByWorker, openCustomerSignedIn } from './support/pages';

const NOTED = 'pos.session.customer.signed-out';

test('a sign-out made offline ends the session on the server when the network returns; the next customer stays signed in', async ({
	browser,
	server
}) => {
	// The service worker runs, as on a phone that opened the app before: it has the code that notes the sign-out offline.
	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' });
	const page = await ctx.newPage();
	const ended = await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await controlledByWorker(page);
	const sent: (string | undefined)[] = [];
	page.on('request', (r) => {
		if (r.method() === 'DELETE' && r.url().endsWith('/api/sessions/current')) sent.push(r.headers().authorization);
	});

	await ctx.setOffline(true);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), NOTED)).not.toBeNull();
	// The server has not heard of it yet: the token still works.
	expect(await api.meStatus(server.url, ended)).toBe(200);

	await ctx.setOffline(false);
	await expect.poll(() => api.meStatus(server.url, ended)).toBe(401);
	await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), NOTED)).toBeNull();

	// The next customer signs in here and stays signed in: only the ended sign-in's token was ever sent.
	await page.getByLabel('Your handle').fill('bob');
	await page.getByLabel('PIN').fill('2222');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('balance')).toContainText('¥');
	const next = await page.evaluate(() => (JSON.parse(localStorage.getItem('pos.session.customer')!) as { token: string }).token);
	expect(await api.meStatus(server.url, next)).toBe(200);
	expect(sent.length).toBeGreaterThan(0);
	expect(sent).toEqual(sent.map(() => `Bearer ${ended}`));
	await ctx.close();
});

test('a sign-out the network failed, with no word that the network went: sent when the app next starts', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	const ended = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	// The sign-out fails on its way (a weak signal): the browser never says it was offline, so no "online" comes.
	await page.route('**/api/sessions/current', (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), NOTED)).not.toBeNull();
	expect(await api.meStatus(server.url, ended)).toBe(200);
	await page.unroute('**/api/sessions/current');

	await page.reload();
	await expect(page.getByLabel('Your handle')).toBeVisible();
	await expect.poll(() => api.meStatus(server.url, ended)).toBe(401);
	await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), NOTED)).toBeNull();
});

// The phone noted the sign-out only once the request had failed: gone while it was on its way (the battery, the browser
// killed in the background on a weak signal), it had noted nothing, and the sign-in kept on the phone was taken up again
// at the next start, the wallet open to whoever picked the phone up. It is noted before it is sent now, as the tablet's
// is, and a sign-in noted as signed out is not taken up again.
test('a phone gone while its sign-out is on its way starts signed out, and the sign-out reaches the server', async ({ browser, server }) => {
	const options = { viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS };
	const ctx = await browser.newContext(options);
	const page = await ctx.newPage();
	const ended = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	// The sign-out never gets an answer (held, not let go: unrouting would send it on).
	const held: string[] = [];
	await ctx.route('**/api/sessions/current', (route) => {
		if (route.request().method() === 'DELETE') held.push(route.request().headers().authorization ?? '');
		else void route.continue();
	});
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect.poll(() => held.length).toBe(1);
	expect(held).toEqual([`Bearer ${ended}`]);
	// What the phone keeps, as it stands with the request on its way: the phone starts again from that, and nothing of
	// the page runs after it (a page closed the usual way still got the request's failure first).
	const kept = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
	expect(await api.meStatus(server.url, ended)).toBe(200);

	const again = await browser.newContext(options);
	const next = await again.newPage();
	await next.goto('/api/health');
	await next.evaluate((entries) => {
		for (const [k, v] of JSON.parse(entries) as [string, string][]) localStorage.setItem(k, v);
	}, kept);
	await next.goto('/customer');
	await expect(next.getByLabel('Your handle')).toBeVisible();
	await expect(next.getByTestId('balance')).toHaveCount(0);
	await expect.poll(() => api.meStatus(server.url, ended)).toBe(401);
	await expect.poll(() => next.evaluate((key) => localStorage.getItem(key), NOTED)).toBeNull();
	await again.close();
	await ctx.close();
});
