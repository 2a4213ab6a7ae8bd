/**
 * A handheld scanner's scan is never dropped without a word. Scanned while a charge is being sent, the code is
 * held for the next sale (and shown as held), never charged for the amount of the sale in flight; scanned on
 * another cashier page (Today, Day report), it takes the cashier to the counter with the code taken and the amount
 * still to key. Both used to be ignored: the customer's code was simply lost.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { holdRequests, keyAmount, openCounterSignedIn, scanIntoFocusedField, scanWithHandheld as scan, screenshot } from './support/pages';

/** A tablet held upright: the size these screens are checked at, beside a phone's. */
const TABLET_PORTRAIT = { width: 768, height: 1024 };

for (const size of [TABLET_PORTRAIT, PHONE]) {
	test(`a code scanned while a charge is being sent is held for the next sale, not charged for this one (${size.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(size);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const alice = await api.customerToken(server.url, 'alice', '1111');
		const bobBefore = await api.balance(server.url, bob);
		const aliceBefore = await api.balance(server.url, alice);
		await openCounterSignedIn(page, server.url);

		// The charge's answer is held back until the next customer's code has been scanned.
		const release = await holdRequests(page, '**/api/payments');

		await keyAmount(page, '12');
		const field = page.getByLabel('Or type the code');
		await field.fill(await api.payCode(server.url, bob));
		await field.press('Enter');
		await expect(page.getByText('Charging ¥12.00…')).toBeVisible();

		const next = await api.payCode(server.url, alice);
		await scan(page, next);
		const held = page.getByTestId('held-code');
		await expect(held).toContainText(`Next code held: •••• ${next.slice(-4)}`);
		await screenshot(page, 'qa-scan-held-while-sending');

		release();
		const result = page.getByTestId('charge-result');
		await expect(result.getByTestId('charged')).toHaveText('¥12.00');
		// Still said on the result screen: the code waits for the next sale.
		await expect(held).toBeVisible();
		await screenshot(page, 'qa-scan-held-on-result');
		expect(await api.balance(server.url, bob)).toBe(bobBefore - 1200);
		expect(await api.balance(server.url, alice)).toBe(aliceBefore); // the held code paid nothing

		// The next sale starts with the held code taken and no amount: it is charged only for what is keyed for it.
		await result.getByRole('button', { name: 'Next customer' }).click();
		await expect(page.getByTestId('pending-code')).toContainText(next.slice(-4));
		await expect(held).toBeHidden();
		await expect(page.getByTestId('amount-display')).toHaveText('¥0');
		await expect(page.getByRole('button', { name: 'Charge', exact: true })).toBeDisabled();
		await keyAmount(page, '7');
		await page.getByRole('button', { name: 'Charge ¥7.00' }).click();
		await expect(result.getByTestId('charged')).toHaveText('¥7.00');
		expect(await api.balance(server.url, alice)).toBe(aliceBefore - 700);
	});
}

test('a held code can be discarded, and a double read of the code being charged is not held', async ({ page, server }) => {
	await page.setViewportSize(TABLET_PORTRAIT);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	const release = await holdRequests(page, '**/api/payments');

	await keyAmount(page, '3');
	const code = await api.payCode(server.url, bob);
	await page.getByLabel('Or type the code').fill(code);
	await page.getByLabel('Or type the code').press('Enter');
	await expect(page.getByText('Charging ¥3.00…')).toBeVisible();
	await scan(page, code); // the scanner read the same code twice: nothing new to hold
	await expect(page.getByTestId('held-code')).toHaveCount(0);

	await scan(page, '880000000000000001');
	await expect(page.getByTestId('held-code')).toContainText('•••• 0001');
	await page.getByTestId('held-code').getByRole('button', { name: 'Discard' }).click();
	await expect(page.getByTestId('held-code')).toHaveCount(0);
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥3.00');
	await page.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('pending-code')).toHaveCount(0);
});

for (const size of [TABLET_PORTRAIT, PHONE]) {
	test(`a code scanned on Today’s payments or the Day report opens the counter with it taken, the amount still to key (${size.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(size);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		await openCounterSignedIn(page, server.url);

		await page.getByRole('link', { name: 'Today' }).click();
		await expect(page).toHaveURL(/\/cashier\/payments$/);
		const first = await api.payCode(server.url, bob);
		await scan(page, first);
		await expect(page).toHaveURL(/\/cashier$/);
		await expect(page.getByTestId('pending-code')).toContainText(first.slice(-4));
		await expect(page.getByTestId('amount-display')).toHaveText('¥0');
		await expect(page.getByRole('button', { name: 'Charge', exact: true })).toBeDisabled();
		await expect(page.getByText('Enter the amount, then charge.')).toBeVisible();
		await screenshot(page, 'qa-scan-from-today');
		expect(await api.balance(server.url, bob)).toBe(before); // nothing charged until an amount is keyed

		await keyAmount(page, '15');
		await page.getByRole('button', { name: 'Charge ¥15.00' }).click();
		await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥15.00');
		expect(await api.balance(server.url, bob)).toBe(before - 1500);

		// From the Day report too; a kept result on the counter gives way to the new sale.
		await page.getByRole('link', { name: 'Day report' }).click();
		await expect(page).toHaveURL(/\/cashier\/report$/);
		const second = await api.payCode(server.url, bob);
		await scan(page, second);
		await expect(page.getByTestId('pending-code')).toContainText(second.slice(-4));
		await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	});
}

test('a held code scanned again after the charge in flight was declined starts its own sale, not the declined amount', async ({ page, server }) => {
	await page.setViewportSize(TABLET_PORTRAIT);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const alice = await api.customerToken(server.url, 'alice', '1111');
	// Bob spends ¥10 first, so that an amount just over what he holds is one alice's wallet covers.
	const till = await api.cashierSession(server.url);
	expect((await api.pay(server.url, till.token, await api.payCode(server.url, bob), 1000)).status).toBe(201);
	const aliceBefore = await api.balance(server.url, alice);
	await openCounterSignedIn(page, server.url);
	const release = await holdRequests(page, '**/api/payments');

	// More than bob holds, and less than alice does: charged to alice's code, this amount would go through.
	const tooMuch = Math.floor((await api.balance(server.url, bob)) / 100) + 1;
	expect(tooMuch * 100).toBeLessThan(aliceBefore);
	await keyAmount(page, String(tooMuch));
	await page.getByLabel('Or type the code').fill(await api.payCode(server.url, bob));
	await page.getByLabel('Or type the code').press('Enter');
	const next = await api.payCode(server.url, alice);
	await scan(page, next);
	await expect(page.getByTestId('held-code')).toContainText(next.slice(-4));
	release();
	await expect(page.getByTestId('decline-reason')).toBeVisible();

	// Alice shows her code again: it is taken for her own sale, with no amount, and nothing is charged.
	await scan(page, next);
	await expect(page.getByTestId('pending-code')).toContainText(next.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	await expect(page.getByTestId('held-code')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Charge', exact: true })).toBeDisabled();
	expect(await api.balance(server.url, alice)).toBe(aliceBefore);
	await keyAmount(page, '4');
	await page.getByRole('button', { name: 'Charge ¥4.00' }).click();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥4.00');
	expect(await api.balance(server.url, alice)).toBe(aliceBefore - 400);
	// Nothing held any more: the next customer's sale starts empty.
	await page.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('pending-code')).toHaveCount(0);
});

for (const size of [TABLET_PORTRAIT, PHONE]) {
	test(`a code scanned on Campaigns keeps the half-filled form and offers the counter (${size.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(size);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		await page.getByRole('link', { name: 'Manage' }).click();
		await expect(page).toHaveURL(/\/cashier\/manage$/);
		await page.getByLabel('Title customers see').fill('Half-typed title');

		// Scanned with the title still focused: the scanner's digits go back out of the field.
		const code = await api.payCode(server.url, bob);
		await expect(page.getByLabel('Title customers see')).toBeFocused();
		await scanIntoFocusedField(page, code);
		const banner = page.getByTestId('scanned-away');
		await expect(banner).toContainText(`Customer’s code scanned: •••• ${code.slice(-4)}`);
		// Still here, with what was typed.
		await expect(page).toHaveURL(/\/cashier\/manage$/);
		await expect(page.getByLabel('Title customers see')).toHaveValue('Half-typed title');
		await screenshot(page, 'qa-scan-on-campaigns');

		await banner.getByRole('button', { name: 'Charge it at the counter' }).click();
		await expect(page).toHaveURL(/\/cashier$/);
		await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
		await expect(page.getByTestId('amount-display')).toHaveText('¥0');
		expect(await api.balance(server.url, bob)).toBe(before);

		// Dismissed, a scanned code is dropped: the counter opened later starts empty.
		await page.getByRole('button', { name: 'Discard' }).click();
		await page.getByRole('link', { name: 'Manage' }).click();
		await expect(page.getByLabel('Title customers see')).toBeVisible();
		await scan(page, await api.payCode(server.url, bob));
		await banner.getByRole('button', { name: 'Discard' }).click();
		await expect(banner).toHaveCount(0);
		await page.getByRole('link', { name: 'Counter' }).click();
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
	});
}

test('a code scanned into a field on Today (a search being typed) asks first instead of leaving the page', async ({ page, server }) => {
	await page.setViewportSize(TABLET_PORTRAIT);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const search = page.getByRole('searchbox', { name: 'Search' });
	await search.fill('bo');
	await expect(search).toBeFocused();

	const code = await api.payCode(server.url, bob);
	await scanIntoFocusedField(page, code);
	await expect(page.getByTestId('scanned-away')).toContainText(code.slice(-4));
	await expect(page).toHaveURL(/\/cashier\/payments$/);
	await expect(search).toHaveValue('bo');

	await page.getByTestId('scanned-away').getByRole('button', { name: 'Charge it at the counter' }).click();
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
});

test('the paid code read again while the next customer\'s code is held keeps that code for their sale', async ({ page, server }) => {
	const [bob, alice] = await Promise.all([api.customerToken(server.url, 'bob', '2222'), api.customerToken(server.url, 'alice', '1111')]);
	const aliceBefore = await api.balance(server.url, alice);
	await openCounterSignedIn(page, server.url);
	const release = await holdRequests(page, '**/api/payments');
	await keyAmount(page, '12');
	const paid = await api.payCode(server.url, bob);
	await scan(page, paid);
	await expect(page.getByText('Charging ¥12.00…')).toBeVisible();
	const next = await api.payCode(server.url, alice);
	await scan(page, next);
	await expect(page.getByTestId('held-code')).toContainText(next.slice(-4));
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥12.00');

	// The stand scanner reads Bob's phone once more: its first digit leaves the result, Alice's code is taken.
	await scan(page, paid);
	await expect(page.getByTestId('pending-code')).toContainText(next.slice(-4));
	await keyAmount(page, '7');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥7.00');
	expect(await api.balance(server.url, alice)).toBe(aliceBefore - 700);
});
