/**
 * On Today a tap on a payment's row did nothing: only the small button at its end (an arrow on a phone) opened the
 * payment's detail, and a cashier tapping the customer's name or the amount, as on any list, thought the row dead.
 * A tap anywhere on the row opens or closes it now. The button stays the keyboard's way in (Tab, Enter), a tap on it
 * toggles once, and taps inside the opened detail are the detail's own.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, screenshot } from './support/pages';

test('a tap anywhere on a payment’s row opens and closes its detail, at tablet and phone sizes', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const handle = uniqueHandle('row');
	const customer = await newCustomer(server.url, handle, 50_000);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, customer), 2_350)).status).toBe(201);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, customer), 4_100)).status).toBe(201);

	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const row = page.locator('tbody tr[data-payment-id]').filter({ hasText: '¥23.50' });
	const other = page.locator('tbody tr[data-payment-id]').filter({ hasText: '¥41.00' });
	const button = row.getByRole('button', { name: /Details|Hide/ });
	const detail = page.locator('tr.detail-row');
	await expect(button).toHaveAttribute('aria-expanded', 'false');

	// The customer's name opens it; the amount closes it again.
	await row.locator('td.who').click();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	await expect(detail).toHaveCount(1);
	await expect(detail.getByLabel('Part of it')).toBeVisible();
	// A sale with no coupon: its saving is the row's "—" in the detail too, not a "¥0.00" to check.
	await expect(detail.locator('dl.lines > div').nth(1).locator('dd')).toHaveText('—');
	await screenshot(page, 'qa-cashier-payments-row-tap');
	await row.getByText('¥23.50').first().click();
	await expect(button).toHaveAttribute('aria-expanded', 'false');
	await expect(detail).toHaveCount(0);

	// The button itself toggles once, not twice (its click is not also the row's).
	await button.click();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	// A control in the detail is the detail's: choosing "Part of it" leaves the payment open.
	await detail.getByLabel('Part of it').check();
	await expect(detail.getByLabel(/Value of the goods returned/)).toBeVisible();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	// Another row's tap opens that one instead.
	await other.locator('td.who').click();
	await expect(other.getByRole('button', { name: /Details|Hide/ })).toHaveAttribute('aria-expanded', 'true');
	await expect(button).toHaveAttribute('aria-expanded', 'false');

	// The keyboard: the button is still the row's control, reached by focus, pressed by Enter. The row takes no focus.
	await expect(row).not.toHaveAttribute('tabindex');
	await button.focus();
	await page.keyboard.press('Enter');
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Enter');
	await expect(button).toHaveAttribute('aria-expanded', 'false');

	// A phone: the time and status sit under the customer, the button is an arrow; a tap on the row opens it.
	await page.setViewportSize(PHONE);
	await row.locator('td.who').click();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	await expect(detail.getByLabel('Part of it')).toBeVisible();
	await screenshot(page, 'qa-cashier-payments-row-tap');
	await row.locator('td.num.strong').click();
	await expect(button).toHaveAttribute('aria-expanded', 'false');
	await screenshot(page, 'qa-cashier-payments-row-tap-closed');
});
