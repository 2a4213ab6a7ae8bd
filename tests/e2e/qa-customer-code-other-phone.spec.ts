/**
 * One wallet signed in on two phones (a couple sharing it, a customer with a phone and a tablet). The server keeps one
 * live code per customer, so a code shown on one phone retires the code the other shows. The other phone used to go
 * on showing it, counting down, with nothing said: the cashier scanned a dead code ("an older code"), and when that
 * phone replaced its code on time it retired the code the first phone was showing, and so on in turns.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { openCustomerSignedIn, screenshot } from './support/pages';

// 12 s codes: replaced after 6 s (the lead is half the lifetime for such short ones).
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '12000' } });

const MOVED = 'A new payment code was made for you on another phone or browser, so the one here was put away: it no longer pays.';

async function otherPhone(browser: Browser, base: string): Promise<Page> {
	const context = await browser.newContext({ ...CONTEXT_DEFAULTS, baseURL: base, viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await openCustomerSignedIn(page, base, 'alice', '1111');
	return page;
}

async function showCode(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	return (await ticket.getAttribute('data-code'))!;
}

test('a code shown on another phone puts this phone’s code away and says so; that phone keeps its code, which pays', async ({ page, server, browser }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const phone = await otherPhone(browser, server.url);
	await expect(page.getByTestId('paycode')).toHaveCount(0);
	await showCode(page);
	// Both phones' live streams are open before the second code is made.
	await expect(phone.getByTestId('balance')).toBeVisible();
	const second = await showCode(phone);

	await expect(page.getByTestId('paycode')).toBeHidden();
	await expect(page.getByTestId('code-moved')).toContainText(MOVED);
	await expect(page.getByRole('button', { name: 'Show payment code' })).toBeVisible();
	await screenshot(page, 'qa-customer-code-other-phone');

	// The other phone's own code (its event comes to it too) stays, and its replacement on time stays as well.
	await expect(phone.getByTestId('paycode')).toHaveAttribute('data-code', second);
	await expect(phone.getByTestId('paycode')).not.toHaveAttribute('data-code', second, { timeout: 15_000 });
	const replaced = (await phone.getByTestId('paycode').getAttribute('data-code'))!;
	await expect(phone.getByTestId('code-moved')).toHaveCount(0);
	// The first phone no longer replaces a code of its own, which would have retired this one: it pays.
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, replaced, 1000)).status).toBe(201);
	await expect(phone.getByTestId('customer-result')).toContainText('Paid');

	// A new code on the first phone is the live one again, and the other phone is told in turn.
	await showCode(page);
	await expect(page.getByTestId('code-moved')).toHaveCount(0);
	await phone.getByRole('button', { name: 'Done' }).click();
	await expect(phone.getByTestId('code-moved')).toHaveCount(0);
	await showCode(phone);
	await expect(page.getByTestId('paycode')).toBeHidden();
	await expect(page.getByTestId('code-moved')).toContainText(MOVED);
	await phone.context().close();
});

test('a code whose answer is slow, overtaken by one made on another phone meanwhile, is not shown: it no longer pays', async ({ page, server, browser }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	const phone = await otherPhone(browser, server.url);
	await expect(phone.getByTestId('balance')).toBeVisible();

	// This phone's code is made on the server, and its answer held on the way back.
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	let made: () => void = () => undefined;
	const madeOnServer = new Promise<void>((resolve) => (made = resolve));
	await page.route('**/api/paycodes', async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		const response = await route.fetch();
		made();
		await released;
		await route.fulfill({ response });
	});
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await madeOnServer;
	// The other phone shows a code after it: that one is the live code.
	const second = await showCode(phone);
	// The news of it reaches this phone's stream before the held answer.
	await page.waitForTimeout(500);
	release();

	await expect(page.getByTestId('code-moved')).toContainText(MOVED);
	await expect(page.getByTestId('paycode')).toHaveCount(0);
	await expect(phone.getByTestId('paycode')).toHaveAttribute('data-code', second);
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, second, 1000)).status).toBe(201);
	await phone.context().close();
});
