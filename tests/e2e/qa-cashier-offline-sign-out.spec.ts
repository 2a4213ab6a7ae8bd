/**
 * A cashier signs out while the tablet is offline. The tablet forgot the token, but the server never heard of the
 * sign-out: the session lived on until it ran out (12 h), its token still worked, and Staff and PINs counted the
 * tablet as signed in. Now the sign-out is sent when the network returns, with the ended sign-in's own token: the next
 * cashier to sign in on that tablet, even while it is still on its way, stays signed in.
 * A tablet closed while its sign-out was on its way reopens signed out (not on the ended sign-in), and sends it.
 */
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { meStatus } from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot, signInCashier } from './support/pages';

test('a sign-out made offline ends the session on the server when the network returns; the next cashier stays signed in', async ({
	browser,
	server
}) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	const ended = await openCounterSignedIn(page, server.url);

	await ctx.setOffline(true);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('PIN')).toBeVisible();
	// The server has not heard of it yet: the token still works.
	expect(await meStatus(server.url, ended)).toBe(200);

	// The sign-out, sent when the network returns, is held on its way until the next cashier has signed in.
	const held: Route[] = [];
	await ctx.route('**/api/sessions/current', (route) => void held.push(route));
	await ctx.setOffline(false);
	await expect.poll(() => held.length).toBeGreaterThan(0);
	// Sent with the ended sign-in's token, and nothing else.
	expect(held.map((r) => [r.request().method(), r.request().headers().authorization])).toEqual(held.map(() => ['DELETE', `Bearer ${ended}`]));

	await page.getByLabel('Shop').fill('demo-cafe');
	await page.getByLabel('Cashier').fill('owner');
	await page.getByLabel('PIN').fill('9999');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	const next = await page.evaluate(() => (JSON.parse(localStorage.getItem('pos.session.cashier')!) as { token: string }).token);
	expect(next).not.toBe(ended);

	for (const route of held.splice(0)) await route.continue();
	await ctx.unroute('**/api/sessions/current');
	await expect.poll(() => meStatus(server.url, ended)).toBe(401);
	// Nothing is left to send: the note of it is gone.
	await expect.poll(() => page.evaluate(() => localStorage.getItem('pos.session.cashier.signed-out'))).toBeNull();

	// The owner is still signed in, here and on the server, after a reload too.
	expect(await meStatus(server.url, next)).toBe(200);
	await page.reload();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect(page.locator('header.bar')).toContainText('owner');
	expect(await meStatus(server.url, next)).toBe(200);
	await screenshot(page, 'qa-cashier-offline-sign-out-next');
	await ctx.close();
});

test('a sign-out the network failed, with no word that the network went: sent again when the app next starts', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	const ended = await openCounterSignedIn(page, server.url);
	// The sign-out fails on its way (a weak signal): the browser never says it was offline, so no "online" comes.
	await ctx.route('**/api/sessions/current', (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByLabel('PIN')).toBeVisible();
	expect(await meStatus(server.url, ended)).toBe(200);
	await ctx.unroute('**/api/sessions/current');

	await page.reload();
	await expect(page.getByLabel('PIN')).toBeVisible();
	await expect.poll(() => meStatus(server.url, ended)).toBe(401);
	await expect.poll(() => page.evaluate(() => localStorage.getItem('pos.session.cashier.signed-out'))).toBeNull();
	await ctx.close();
});

test('a tablet gone while its sign-out is on its way starts signed out, the sign-out reaches the server, and its queued sale still goes out', async ({
	browser,
	server
}) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	const ended = await openCounterSignedIn(page, server.url);

	// A sale queued offline, still unsent when the network returns (its sending fails on a weak signal).
	await ctx.setOffline(true);
	await page.keyboard.type('7');
	await scan(page, await api.payCode(server.url, bob));
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	await page.route(/\/api\/payments(\/batch)?$/, (route) => route.abort('internetdisconnected'));
	// The sign-out never reaches the server: held on its way, then lost.
	const held: Route[] = [];
	await page.route('**/api/sessions/current', (route) => {
		if (route.request().method() === 'DELETE') held.push(route);
		else void route.continue();
	});
	await ctx.setOffline(false);
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await page.getByRole('dialog', { name: 'Payments not sent yet' }).getByRole('button', { name: 'Sign out anyway' }).click();
	await expect.poll(() => held.length).toBe(1);
	expect(held[0].request().headers().authorization).toBe(`Bearer ${ended}`);
	// What the tablet keeps in localStorage, as it stands with the request on its way: the tablet starts again from that
	// (its outbox, in IndexedDB, is the context's and stays), and nothing of the page that ran after it counts.
	const kept = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
	expect(kept).toContain(ended);
	await held[0].abort('internetdisconnected');
	await page.close();
	expect(await meStatus(server.url, ended)).toBe(200);

	const next = await ctx.newPage();
	await next.goto('/api/health');
	await next.evaluate((entries) => {
		localStorage.clear();
		for (const [k, v] of JSON.parse(entries) as [string, string][]) localStorage.setItem(k, v);
	}, kept);
	await next.goto('/cashier');
	await expect(next.getByLabel('PIN')).toBeVisible();
	await expect(next.getByRole('group', { name: 'Amount keypad' })).toHaveCount(0);
	await expect.poll(() => meStatus(server.url, ended)).toBe(401);
	await expect.poll(() => next.evaluate(() => localStorage.getItem('pos.session.cashier.signed-out'))).toBeNull();
	await screenshot(next, 'qa-cashier-gone-while-signing-out');

	// The sale queued before the sign-out is still there, and goes out once a cashier signs in again.
	await signInCashier(next, 'demo-cafe', 'owner', '9999');
	await expect(next.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expect.poll(() => api.balance(server.url, bob)).toBe(before - 700);
	await ctx.close();
});
