/**
 * A sale of "Declined after sending" settled on another screen of the same tablet (another tab of the counter, open
 * on the same outbox) while this one still showed it. Its buttons threw (an uncaught error; nothing said), and "Charge
 * again" charged the fresh code before it found the entry settled: the money moved twice. Now each button reads the
 * entry back first, under a lock the tablet's tabs share: settled, nothing is charged or recorded, the list drops it,
 * and a calm line says "This sale was already sorted on another screen." (en, zh). A form left open on an entry
 * another tab settles closes with the same line, instead of vanishing with what was typed in it.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { settleStoredEntryElsewhere, storedOutbox } from './support/outbox';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, preloadChinese, saleDeclinedAfterSync, screenshot } from './support/pages';

/** A sale of ¥6.00 taken offline from a customer with ¥1.00, declined when sent: the counter lists it. */
async function declinedSale(browser: Browser, serverUrl: string, viewport: { width: number; height: number }) {
	const short = await newCustomer(serverUrl, uniqueHandle('short'), 100);
	const ctx = await browser.newContext({ viewport, baseURL: serverUrl, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, serverUrl);
	const { list, entry } = await saleDeclinedAfterSync(page, '6', await api.payCode(serverUrl, short), { phone: viewport === PHONE });
	return { ctx, page, list, entry, short };
}

/** The customer's payments as the server lists them: status, amount, and whether cash was recorded for it. */
async function paymentsOf(base: string, token: string): Promise<string[]> {
	const res = await fetch(`${base}/api/payments?limit=50`, { headers: { Authorization: `Bearer ${token}` } });
	const { payments } = (await res.json()) as { payments: { status: string; amount: { amount: number }; paidInCash?: unknown }[] };
	return payments.map((p) => `${p.status}:${p.amount.amount}:${p.paidInCash ? 'cash' : 'no cash'}`);
}

/** Uncaught errors in the page, from here on. */
function pageErrors(page: Page): Error[] {
	const errors: Error[] = [];
	page.on('pageerror', (error) => errors.push(error));
	return errors;
}

test('Charge again on a sale another screen took cash for: nothing is charged, and the cashier is told (1024px)', async ({ browser, server }) => {
	const { ctx, page, list, entry } = await declinedSale(browser, server.url, TABLET);
	const errors = pageErrors(page);
	const friend = await newCustomer(server.url, uniqueHandle('friend'), 5_000);
	await entry.getByRole('button', { name: 'Charge again' }).click();
	await settleStoredEntryElsewhere(page, 600, 'settled_in_cash');

	await page.keyboard.type(await api.payCode(server.url, friend));
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('sorted-elsewhere')).toHaveText('This sale was already sorted on another screen.');
	await expect(list).toBeHidden();
	await screenshot(page, 'qa-declined-sorted-elsewhere');
	// Not charged to the fresh code, and no new sale went into the outbox: the one entry, as the other screen left it.
	expect(await api.balance(server.url, friend)).toBe(5_000);
	expect(await storedOutbox(page)).toEqual([{ state: 'resolved', amount: 600, resolution: 'settled_in_cash' }]);
	expect(errors).toEqual([]);
	await ctx.close();
});

test('Paid in cash on a sale gone from the tablet: no cash is recorded, and the line says why, en and zh (390px)', async ({ browser, server }) => {
	const { ctx, page, list, entry, short } = await declinedSale(browser, server.url, PHONE);
	const errors = pageErrors(page);
	await entry.getByRole('button', { name: 'Paid in cash' }).click();
	await entry.getByLabel('Note').fill('Took ¥6 in cash');
	await settleStoredEntryElsewhere(page, 600, 'removed');
	await entry.getByRole('button', { name: 'Mark as paid in cash' }).click();
	const line = page.getByTestId('sorted-elsewhere');
	await expect(line).toHaveText('This sale was already sorted on another screen.');
	await expect(list).toBeHidden();
	expect(await storedOutbox(page)).toEqual([]);
	await screenshot(page, 'qa-declined-sorted-elsewhere');
	await preloadChinese(page);
	await page.locator('button.lang').click();
	await expect(line).toHaveText('这笔交易已在另一个屏幕上处理。');
	await screenshot(page, 'qa-declined-sorted-elsewhere-zh');
	// No cash was recorded against the declined payment (the reports would count it).
	expect(await paymentsOf(server.url, short)).toEqual(['declined:600:no cash']);
	expect(errors).toEqual([]);
	await ctx.close();
});

test('two tabs of one tablet: a form left open on a sale the other tab settles closes, and says so (1024px)', async ({ browser, server }) => {
	const { ctx, page: first, list, entry } = await declinedSale(browser, server.url, TABLET);
	const second = await ctx.newPage();
	await second.goto('/cashier');
	const other = second.getByTestId('declined-after-sync').getByTestId('declined-entry');
	await expect(other).toHaveCount(1);

	await entry.getByRole('button', { name: 'Charge again' }).click();
	await expect(entry.getByLabel('Fresh code from the customer')).toBeFocused();
	await other.getByRole('button', { name: 'Paid in cash' }).click();
	await other.getByLabel('Note').fill('Took ¥6 in cash');
	await other.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await expect(second.getByTestId('declined-after-sync')).toBeHidden();

	await expect(first.getByTestId('sorted-elsewhere')).toHaveText('This sale was already sorted on another screen.');
	await expect(list).toBeHidden();
	expect(await storedOutbox(first)).toEqual([{ state: 'resolved', amount: 600, resolution: 'settled_in_cash' }]);
	await screenshot(first, 'qa-declined-sorted-in-other-tab');
	await ctx.close();
});

test('Not paid on a sale another tablet took cash for meanwhile: it leaves the list as paid in cash, said, with no write-off (1024px)', async ({ browser, server }) => {
	const { ctx, page, list, entry, short } = await declinedSale(browser, server.url, TABLET);
	const errors = pageErrors(page);
	await entry.getByRole('button', { name: 'Paid in cash' }).click();
	// The customer came back and paid at another tablet, from Today, while this form was open.
	const other = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const dayNow = async () => {
		const day = (await api.dailyReport(server.url, other.token)) as unknown as { paidInCashCount: number; notPaidCount: number };
		return [day.paidInCashCount, day.notPaidCount];
	};
	const [cashBefore, notPaidBefore] = await dayNow();
	const own = (await (await fetch(`${server.url}/api/payments?limit=50`, { headers: { Authorization: `Bearer ${short}` } })).json()) as {
		payments: { id: string }[];
	};
	await api.created(server.url, other.token, `/payments/${own.payments[0]!.id}/paid-in-cash`, { note: 'came back and paid' });

	await entry.getByRole('button', { name: 'Not paid — customer left' }).click();
	// Before, the refusal kept the sale listed, and only a made-up cash note took it off.
	await expect(page.getByTestId('not-paid-done')).toHaveText('Already noted as paid in cash on another screen: taken off the list.');
	await expect(list).toBeHidden();
	expect(await storedOutbox(page)).toEqual([{ state: 'resolved', amount: 600, resolution: 'settled_in_cash' }]);
	// The day counts the cash the other tablet took, and no sale written off (the file's other tests share its server).
	expect(await dayNow()).toEqual([cashBefore! + 1, notPaidBefore]);
	expect(errors).toEqual([]);
	await ctx.close();
});
