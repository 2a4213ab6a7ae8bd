/**
 * A scanner reads the same code twice (a stand-mounted scanner reads again while the phone is still under it; a
 * trigger pressed twice). Read again over the outcome of its own sale, the code is the same customer, not a new
 * sale: the outcome stays. It used to be charged again: a sale declined for "Balance too low" turned into "That code
 * was already used" (with "refresh the code" as the next step, and a second declined line on Today), and a paid
 * sale's result went away, leaving the used code waiting for the next customer's amount. Read again over a decline,
 * the screen says it is the same code and a new one is needed (a declined code is used up: after adding money, the
 * customer shows a new one, as "Next:" now says).
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { expectAccessible, openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

async function declinedToday(baseUrl: string, token: string): Promise<number> {
	const res = await fetch(`${baseUrl}/api/payments?limit=50`, { headers: { Authorization: `Bearer ${token}` } });
	const { payments } = (await res.json()) as { payments: { status: string }[] };
	return payments.filter((p) => p.status === 'declined').length;
}

test('the code of a declined sale read again keeps the real reason on screen, and sends nothing', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const token = await openCounterSignedIn(page, server.url);
	const code = await api.payCode(server.url, carol);
	await page.keyboard.type('50');
	await scan(page, code);
	const reason = page.getByTestId('decline-reason');
	await expect(reason).toHaveText('Balance too low for this amount.');
	expect(await declinedToday(server.url, token)).toBe(1);

	// After adding money the customer needs a new code: the screen says so, before and after the old one is read again.
	const declined = page.getByTestId('charge-declined');
	await expect(declined).toContainText('Ask the customer to add money in the app and show a new code, or to pay another way.');
	await scan(page, code);
	await expect(declined.getByTestId('same-code')).toHaveText('That is the same code: it cannot be used again. Ask the customer for a new code.');
	await page.waitForTimeout(1000); // a charge, were one sent, would have its answer by now
	await expect(reason).toHaveText('Balance too low for this amount.');
	expect(await declinedToday(server.url, token)).toBe(1);

	// A new code from the customer is a new try, for the same amount (still too much for Carol's ¥20.00).
	const fresh = await api.payCode(server.url, carol);
	await scan(page, fresh);
	await expect.poll(() => declinedToday(server.url, token)).toBe(2);
	await expect(reason).toHaveText('Balance too low for this amount.');
	await expect(declined.getByTestId('same-code')).toBeHidden();
});

test('in Chinese, the same code read again is said in Chinese', async ({ page, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	await openCounterSignedIn(page, server.url);
	await page.getByRole('button', { name: /Switch language to/ }).click();
	const code = await api.payCode(server.url, carol);
	await page.keyboard.type('50');
	await scan(page, code);
	const declined = page.getByTestId('charge-declined');
	await expect(declined).toContainText('请顾客在应用中充值后出示新的付款码，或换用其他方式付款。');
	await scan(page, code);
	await expect(declined.getByTestId('same-code')).toHaveText('这是同一个付款码，不能再次使用。请顾客出示新的付款码。');
	await screenshot(page, 'cashier-declined-same-code-zh');
	await expectAccessible(page, 'declined, the same code read again, in Chinese');
});

test('the code of a paid sale read again leaves the result up, and the next customer starts clean', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const before = await api.balance(server.url, bob);
	await openCounterSignedIn(page, server.url);
	const code = await api.payCode(server.url, bob);
	await page.keyboard.type('5');
	await scan(page, code);
	const result = page.getByTestId('charge-result');
	await expect(result.getByTestId('charged')).toHaveText('¥5.00');

	await scan(page, code);
	await page.waitForTimeout(500);
	await expect(result.getByTestId('charged')).toHaveText('¥5.00');

	// The next customer: amount, then their code, charged to them.
	await page.keyboard.type('3');
	await expect(page.getByTestId('pending-code')).toBeHidden();
	await scan(page, await api.payCode(server.url, alice));
	await expect(result.getByTestId('charged')).toHaveText('¥3.00');
	await expect(page.getByText('Customer: alice')).toBeVisible();
	expect(await api.balance(server.url, bob)).toBe(before - 500);
});
