/**
 * A phone the server signed out (the PIN changed on another phone, the sign-in ran out) came back to "Sign in to pay.
 * Your balance and coupons are ready when you are.", as if nothing had happened, and the old PIN then failed with no
 * word why. It now says the phone was signed out, why (a new PIN here; customer-signin.spec.ts has one that ran out),
 * and to sign in again; a tap on Sign out does not.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { screenshot, signInCustomer } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

const ENDED = 'This phone was signed out because your PIN was changed. Sign in with the new PIN to pay.';
const LEAD = 'Your balance and coupons are ready when you are.';

test('signed out by a PIN change on another phone, the sign-in says so; after a tap on Sign out it does not', async ({ page, server }) => {
	const handle = uniqueHandle('why');
	await newCustomer(server.url, handle, 0);
	await signInCustomer(page, handle, '4826');
	await expect(page.getByText(LEAD)).toBeHidden();

	// The customer changes the PIN on their other phone.
	const other = await api.customerToken(server.url, handle, '4826');
	const changed = await fetch(`${server.url}/api/customers/me/pin`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${other}`, 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ currentPin: '4826', newPin: '739164' })
	});
	expect(changed.status).toBe(200);

	await page.reload();
	await expect(page.getByText(ENDED)).toBeVisible();
	await expect(page.getByText(LEAD)).toBeHidden();
	await screenshot(page, 'qa-customer-h-signed-out-why');

	await page.getByLabel('Your handle').fill(handle);
	await page.getByLabel('PIN').fill('739164');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('balance')).toContainText('¥0.00');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText(LEAD)).toBeVisible();
	await expect(page.getByText(ENDED)).toBeHidden();
});
