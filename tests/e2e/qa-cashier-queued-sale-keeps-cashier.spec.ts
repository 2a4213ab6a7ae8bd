/**
 * cashier-1 takes a sale offline, the shift ends before the network returns: "Sign out anyway", and the manager
 * signs in on the same tablet. The queued sale goes out in the manager's session, and it used to be recorded as
 * the manager's (Today, the day's CSV, the Z report). It is cashier-1's: they took it.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot, signInCashier } from './support/pages';

test("a sale queued by cashier-1 and sent after the manager signed in stays cashier-1's", async ({ browser, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	const cashierOne = await api.cashierSession(server.url);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);

	await ctx.setOffline(true);
	await page.keyboard.type('7');
	await scan(page, await api.payCode(server.url, bob));
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await page.getByRole('dialog', { name: 'Payments not sent yet' }).getByRole('button', { name: 'Sign out anyway' }).click();
	await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

	await ctx.setOffline(false);
	await signInCashier(page, 'demo-cafe', 'owner', '9999');
	await expect.poll(() => api.balance(server.url, bob)).toBe(before - 700);

	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const res = await fetch(`${server.url}/api/payments?limit=1`, { headers: { Authorization: `Bearer ${owner.token}` } });
	const [sale] = (await res.json()).payments;
	expect(sale).toMatchObject({ amount: { amount: 700 }, cashierId: cashierOne.cashierId });
	// The day's CSV, which the owner hands on, names cashier-1 on that line. The sale's day is the shop's, in the
	// shop's zone as the server says it (the browser's Asia/Shanghai is not the demo shop's: between 16:00 and 24:00
	// UTC the two are a day apart).
	const me = await (await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${owner.token}` } })).json();
	expect(me.timeZone).toEqual(expect.any(String));
	const day = new Date(sale.settledAt).toLocaleDateString('sv-SE', { timeZone: me.timeZone });
	const csv = await (await fetch(`${server.url}/api/reports/daily?date=${day}&format=csv`, { headers: { Authorization: `Bearer ${owner.token}` } })).text();
	const line = csv.split('\r\n').find((l) => l.includes(sale.id));
	expect(line).toContain('cashier-1');
	expect(line).not.toContain('owner');
	// And the owner sees it on the sale's detail.
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: /Details bob/ }).first().click();
	await expect(page.getByTestId('detail-cashier')).toHaveText(/Cashier\s*cashier-1/);
	await screenshot(page, 'cashier-queued-sale-detail');
	await ctx.close();
});
