/**
 * "Charge again" on a sale declined after an outage opens a field for the customer's fresh code, and gives it the
 * focus, so that a handheld scanner types into it. When the customer has gone and the cashier turns to the next one
 * (keys their amount on the keypad, whose taps never take the focus), that field must not catch the next customer's
 * scan: it charged them the OLD sale's amount (¥8.00) while the counter showed the ¥3.50 keyed for them. A new sale
 * begun on the counter closes the form; the scan then goes to the counter and charges what was keyed. And a charge
 * made from the form says whose code paid, so a code from the wrong customer is noticed.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, topUp, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, scanIntoFocusedField, scanWithHandheld, screenshot } from './support/pages';

/** What the customer was charged, as the API says: "succeeded:350" per payment. */
async function paymentsOf(base: string, token: string): Promise<string[]> {
	const res = await fetch(`${base}/api/payments?limit=50`, { headers: { Authorization: `Bearer ${token}` } });
	const { payments } = (await res.json()) as { payments: { status: string; amount: { amount: number } }[] };
	return payments.map((p) => `${p.status}:${p.amount.amount}`);
}

/** A ¥8.00 sale taken offline from a customer with ¥1.00, declined (balance too low) once the network is back. */
async function declinedAfterOutage(page: Page, base: string, code: string): Promise<void> {
	await openCounterSignedIn(page, base);
	await page.context().setOffline(true);
	await keyAmount(page, '8');
	await scanWithHandheld(page, code);
	const queued = page.getByTestId('charge-queued');
	await expect(queued).toContainText('Queued — not yet paid');
	await queued.getByRole('button', { name: 'Next customer' }).click();
	await page.context().setOffline(false);
	await expect(page.getByTestId('declined-entry')).toHaveCount(1);
}

for (const viewport of [TABLET, { width: 768, height: 1024 }]) {
	test(`the next customer's scan is charged what was keyed for them, not a declined sale's amount (${viewport.width}px)`, async ({ browser, server }) => {
		const first = uniqueHandle('gone');
		const firstToken = await newCustomer(server.url, first, 100);
		const next = uniqueHandle('next');
		const nextToken = await newCustomer(server.url, next, 50_000);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await declinedAfterOutage(page, server.url, await api.payCode(server.url, firstToken));
		const entry = page.getByTestId('declined-entry');
		await expect(entry).toContainText('¥8.00');

		// The cashier opens Charge again, but the customer has left: they key the next customer's ¥3.50.
		await entry.getByRole('button', { name: 'Charge again' }).click();
		const fresh = entry.getByLabel('Fresh code from the customer');
		await expect(fresh).toBeFocused();
		await keyAmount(page, '3.5');
		await expect(page.getByTestId('amount-display')).toHaveText('¥3.5');
		// The form has closed (soft: what the next scan is charged, below, is what matters most).
		await expect.soft(fresh).toBeHidden({ timeout: 2_000 });
		await screenshot(page, 'qa-charge-again-closed-by-next-sale');

		// The next customer scans (real keys, to wherever the focus is): charged the ¥3.50 keyed for them.
		await scanIntoFocusedField(page, await api.payCode(server.url, nextToken));
		await expect.poll(() => paymentsOf(server.url, nextToken)).toEqual(['succeeded:350']);
		await expect(page.getByTestId('charge-result')).toContainText('Payment received');
		await expect(page.getByTestId('charge-result')).toContainText('¥3.50');
		await screenshot(page, 'qa-charge-again-next-customer-paid');

		// The declined sale is still waiting to be settled, and nothing was taken from its customer.
		await page.getByRole('button', { name: 'Next customer' }).click();
		await expect(entry).toContainText('¥8.00');
		expect(await paymentsOf(server.url, firstToken)).toEqual(['declined:800']);

		// Later the first customer comes back with money: charged again from the form, the notice names whose code paid.
		await topUp(server.url, firstToken, 1_000);
		await entry.getByRole('button', { name: 'Charge again' }).click();
		await expect(fresh).toBeFocused();
		await scanIntoFocusedField(page, await api.payCode(server.url, firstToken));
		await expect(page.getByTestId('charged-again')).toHaveText(`Charged ${first} again: Paid ¥8.00`);
		await expect(entry).toHaveCount(0);
		expect(await paymentsOf(server.url, firstToken)).toEqual(['succeeded:800', 'declined:800']);
		await screenshot(page, 'qa-charge-again-named');
		await ctx.close();
	});
}

test('a code typed into the counter while Charge again is open closes the form too', async ({ browser, server }) => {
	const firstToken = await newCustomer(server.url, uniqueHandle('gone'), 100);
	const nextToken = await newCustomer(server.url, uniqueHandle('next'), 50_000);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await declinedAfterOutage(page, server.url, await api.payCode(server.url, firstToken));
	const entry = page.getByTestId('declined-entry');
	await entry.getByRole('button', { name: 'Charge again' }).click();
	const fresh = entry.getByLabel('Fresh code from the customer');
	await expect(fresh).toBeFocused();
	// The next customer reads their code out; the cashier types it into the counter's own field.
	const typed = page.getByLabel('Or type the code');
	await typed.fill(await api.payCode(server.url, nextToken));
	await typed.press('Enter');
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await expect(fresh).toBeHidden();
	await keyAmount(page, '2');
	await page.getByRole('button', { name: 'Charge ¥2.00' }).click();
	await expect(page.getByTestId('charge-result')).toContainText('¥2.00');
	expect(await paymentsOf(server.url, nextToken)).toEqual(['succeeded:200']);
	await ctx.close();
});

for (const viewport of [TABLET, { width: 768, height: 1024 }, PHONE]) {
	test(`with the next sale already keyed, Charge again waits: the next customer's scan pays what the counter shows (${viewport.width}px)`, async ({ browser, server }) => {
		const firstToken = await newCustomer(server.url, uniqueHandle('gone'), 100);
		const nextToken = await newCustomer(server.url, uniqueHandle('next'), 50_000);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await declinedAfterOutage(page, server.url, await api.payCode(server.url, firstToken));
		const entry = page.getByTestId('declined-entry');
		const again = entry.getByRole('button', { name: 'Charge again' });
		// On the phone the entry, shown, would push the keypad's last row off the screen: the list is folded to its line,
		// and the cashier opens it (again after each sale, when the counter draws the list anew).
		const openFolded = async () => {
			if (viewport !== PHONE) return;
			await expect(entry).toBeHidden();
			await page.getByTestId('declined-after-sync').getByRole('button', { name: 'Show', expanded: false }).click();
		};
		await openFolded();
		await expect(again).toBeEnabled();

		// The next customer's ¥3.50 is keyed first; then the cashier turns to the declined ¥8.00 sale.
		await keyAmount(page, '3.5');
		await expect(page.getByTestId('amount-display')).toHaveText('¥3.5');
		// Charge again waits for the counter's sale: where it was, a line says when it comes back (soft: what the scan is
		// charged, below, matters most).
		await expect.soft(again).toHaveCount(0);
		await expect.soft(entry.getByTestId('sale-first')).toHaveText('Charge again once the sale at the counter is done');
		await expect.soft(entry.getByLabel('Fresh code from the customer')).toHaveCount(0);
		await screenshot(page, `qa-charge-again-waits-for-sale-${viewport.width}`);

		// The next customer scans (real keys, to wherever the focus is): charged the ¥3.50 the counter shows.
		await scanIntoFocusedField(page, await api.payCode(server.url, nextToken));
		await expect.poll(() => paymentsOf(server.url, nextToken)).toEqual(['succeeded:350']);
		await expect(page.getByTestId('charge-result')).toContainText('¥3.50');
		expect(await paymentsOf(server.url, firstToken)).toEqual(['declined:800']);

		// The counter cleared for the customer after, Charge again is there again; keyed and cleared with the keypad's
		// Clear, too.
		await page.getByRole('button', { name: 'Next customer' }).click();
		await openFolded();
		await expect(again).toBeEnabled();
		await expect(entry.getByTestId('sale-first')).toHaveCount(0);
		await keyAmount(page, '2');
		await expect(again).toHaveCount(0);
		await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: 'Clear', exact: true }).click();
		await expect(again).toBeEnabled();
		await again.click();
		await expect(entry.getByLabel('Fresh code from the customer')).toBeFocused();
		await ctx.close();
	});
}
