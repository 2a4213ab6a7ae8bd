/**
 * The charge is slow to answer and the customer says "wait, cancel": the cashier tapped Discard beside the code, the
 * code went from the screen and "Scan with camera" came back, so the sale looked cancelled, and a moment later the
 * charge went through. While a charge is being sent its code cannot be discarded (nor another typed in), as its
 * amount cannot be keyed: the screen says what is happening to the customer's money.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { holdRequests, keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const SIZES = [TABLET, { width: 768, height: 1024 }];

// One charge held on its way; what can be done meanwhile is checked at each size on the same page.
test(`the code being charged cannot be discarded while the charge is on its way (${SIZES.map((v) => v.width).join(', ')}px)`, async ({ browser, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('slow'), 50_000);
	const ctx = await browser.newContext({ viewport: SIZES[0], baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);

	// Before a charge, the code taken can be discarded, as ever.
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	const pending = page.getByTestId('pending-code');
	await expect(pending).toBeVisible();
	await pending.getByRole('button', { name: 'Discard' }).click();
	await expect(pending).toBeHidden();

	const release = await holdRequests(page, '**/api/payments');
	await keyAmount(page, '15');
	const code = await api.payCode(server.url, customer);
	await scanWithHandheld(page, code);
	for (const viewport of SIZES) {
		const at = `${viewport.width}px`;
		await page.setViewportSize(viewport);
		await expect(page.getByText('Charging ¥15.00…'), at).toBeVisible();
		await expect(pending, at).toContainText(code.slice(-4));
		await expect(pending.getByRole('button', { name: 'Discard' }), at).toBeDisabled();
		await expect(page.getByLabel('Or type the code'), at).toBeDisabled();
		await expect(page.getByRole('button', { name: 'Use code' }), at).toBeDisabled();
		await screenshot(page, 'qa-discard-while-sending');
	}

	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥15.00');
	const res = await fetch(`${server.url}/api/payments?limit=5`, { headers: { Authorization: `Bearer ${customer}` } });
	const { payments } = (await res.json()) as { payments: { status: string; amount: { amount: number } }[] };
	expect(payments.map((p) => `${p.status}:${p.amount.amount}`)).toEqual(['succeeded:1500']);

	// The next sale: the field takes a typed code again.
	await page.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByLabel('Or type the code')).toBeEnabled();
	await ctx.close();
});
