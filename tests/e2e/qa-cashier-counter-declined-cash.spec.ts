/**
 * A sale declined at the counter (Carol's ¥20.00 does not cover ¥50.00), and the customer pays in cash instead: the
 * cashier notes it right there on the "declined" screen, as on Today's list and the offline declined list, and the
 * day report counts the cash in the till. The declined screen used to offer only a new code or cancelling, so the
 * cash went unrecorded unless the cashier thought of finding the sale on Today.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { keyAmount, openCounterSignedIn, scanIntoFocusedField, scanWithHandheld, screenshot } from './support/pages';

const TABLET_PORTRAIT = { width: 768, height: 1024 };

/** On a portrait tablet, a sale of `amount` yuan at the counter to carol's typed code, which her ¥20.00 does not cover. */
async function carolsSaleDeclined(page: Page, base: string, amount: string): Promise<Locator> {
	await page.setViewportSize(TABLET_PORTRAIT);
	const carol = await api.customerToken(base, 'carol', '3333');
	await openCounterSignedIn(page, base);
	await keyAmount(page, amount);
	await page.getByLabel('Or type the code').fill(await api.payCode(base, carol));
	await page.getByLabel('Or type the code').press('Enter');
	return page.getByTestId('charge-declined');
}

// One declined sale for both sizes: the page is resized for the checks and screenshots, and only the layout differs.
{
	const SIZES = [TABLET_PORTRAIT, PHONE];
	test(`a sale declined at the counter is noted as paid in cash there, and the day report counts it (${SIZES.map((s) => `${s.width}px`).join(' and ')})`, async ({ page, server }) => {
		await page.setViewportSize(SIZES[0]!);
		const carol = await api.customerToken(server.url, 'carol', '3333');
		const before = await api.balance(server.url, carol);
		const token = await openCounterSignedIn(page, server.url);
		// The shop's day: the test server keeps the default time zone, UTC.
		const report = async () => {
			const res = await fetch(`${server.url}/api/reports/daily?date=${new Date().toISOString().slice(0, 10)}`, { headers: { Authorization: `Bearer ${token}` } });
			return (await res.json()) as { paidInCashCount: number };
		};
		const countedBefore = (await report()).paidInCashCount;

		await keyAmount(page, '50');
		const field = page.getByLabel('Or type the code');
		await field.fill(await api.payCode(server.url, carol));
		await field.press('Enter');
		const declined = page.getByTestId('charge-declined');
		await expect(declined).toContainText('Payment declined');

		await declined.getByRole('button', { name: 'Paid in cash' }).click();
		const note = declined.getByLabel('Note');
		await expect(note).toBeFocused();
		await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();
		for (const size of SIZES) {
			await page.setViewportSize(size);
			await expect(declined.getByText('Write a short note')).toBeVisible();
		}
		await note.fill('Carol paid ¥50 in cash');
		for (const size of [...SIZES].reverse()) {
			await page.setViewportSize(size);
			await expect(note).toHaveValue('Carol paid ¥50 in cash');
			await screenshot(page, 'qa-counter-declined-cash-form');
		}
		await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();

		// Said on the screen, and the sale is over: the next step is the next customer, not another code for it.
		for (const size of SIZES) {
			await page.setViewportSize(size);
			await expect(declined.getByTestId('paid-in-cash-note')).toContainText('“Carol paid ¥50 in cash”');
			await expect(declined.getByRole('button', { name: 'Paid in cash' })).toHaveCount(0);
			await expect(declined.getByRole('button', { name: 'Scan a new code' })).toHaveCount(0);
			await screenshot(page, 'qa-counter-declined-cash-noted');
		}
		expect(await api.balance(server.url, carol)).toBe(before); // nothing taken from the wallet
		expect((await report()).paidInCashCount).toBe(countedBefore + 1);

		// A code scanned now starts the next sale with no amount: the cash-paid amount is never charged again.
		await scanWithHandheld(page, await api.payCode(server.url, carol));
		await expect(page.getByTestId('pending-code')).toBeVisible();
		await expect(page.getByTestId('amount-display')).toHaveText('¥0');
		expect(await api.balance(server.url, carol)).toBe(before);

		await page.getByRole('link', { name: 'Day report' }).click();
		await expect(page.getByTestId('report-paid-in-cash')).toContainText('paid in cash after a decline');
	});
}

test('"Next customer" after noting the cash clears the counter', async ({ page, server }) => {
	const declined = await carolsSaleDeclined(page, server.url, '60');
	await declined.getByRole('button', { name: 'Paid in cash' }).click();
	await declined.getByLabel('Note').fill('cash');
	await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await declined.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	await expect(page.getByTestId('pending-code')).toHaveCount(0);

	// Today lists it as paid in cash afterwards.
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.locator('tr[data-payment-id]').first().getByTestId('paid-in-cash')).toHaveText('Paid in cash afterwards');
});

test('a code scanned while the cash is being noted is held for the next customer, not charged the paid amount', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const aliceBefore = await api.balance(server.url, alice);
	const declined = await carolsSaleDeclined(page, server.url, '50');
	await declined.getByRole('button', { name: 'Paid in cash' }).click();
	await declined.getByLabel('Note').fill('Carol paid ¥50 in cash');

	// The next customer in the queue scans (focus off the note, as after a tap elsewhere): alice holds ¥50 and more,
	// so her code taken for the declined sale would pay the ¥50 carol has just paid in cash.
	expect(aliceBefore).toBeGreaterThan(5000);
	const next = await api.payCode(server.url, alice);
	await scanWithHandheld(page, next);
	await expect(page.getByTestId('held-code')).toContainText(next.slice(-4));
	await expect(declined.getByLabel('Note')).toHaveValue('Carol paid ¥50 in cash');
	expect(await api.balance(server.url, alice)).toBe(aliceBefore);

	await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await expect(declined.getByTestId('paid-in-cash-note')).toBeVisible();
	await declined.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('pending-code')).toContainText(next.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	expect(await api.balance(server.url, alice)).toBe(aliceBefore);
});

test('a code scanned while the cash note has the focus is held for the next customer, not typed into the note and sent', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const aliceBefore = await api.balance(server.url, alice);
	const declined = await carolsSaleDeclined(page, server.url, '50');
	await declined.getByRole('button', { name: 'Paid in cash' }).click();
	const note = declined.getByLabel('Note');
	await note.pressSequentially('Carol paid');
	await expect(note).toBeFocused();

	// The scanner types into the focused note: its digits would have become the note, and its Enter sent it.
	const next = await api.payCode(server.url, alice);
	await scanIntoFocusedField(page, next);
	await expect(page.getByTestId('held-code')).toContainText(next.slice(-4));
	await expect(note).toHaveValue('Carol paid');
	await expect(declined.getByTestId('paid-in-cash-note')).toHaveCount(0);
	await screenshot(page, 'qa-counter-scan-into-cash-note');

	// The cashier finishes the note as they meant to; the held code starts the next sale with no amount.
	await note.pressSequentially(' ¥50 in cash');
	await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await expect(declined.getByTestId('paid-in-cash-note')).toContainText('“Carol paid ¥50 in cash”');
	await declined.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('pending-code')).toContainText(next.slice(-4));
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	expect(await api.balance(server.url, alice)).toBe(aliceBefore);
});
