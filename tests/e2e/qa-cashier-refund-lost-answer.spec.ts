/**
 * A partial refund whose answer is lost (the shop's connection drops as the server makes it): the tablet says "No
 * answer", the cashier cancels, opens the refund again and confirms the same part. Each confirmation took a new
 * Idempotency-Key, so the customer got the part back twice. The unanswered refund's key is now kept on the tablet:
 * the same refund, confirmed again while the screen still shows the payment as it was, goes with that key and is
 * made once; the dialog says it may have gone through.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { loseFirstAnswer, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

/** The shop's connection is down for the live updates, and the first refund's answer never comes back. */
async function loseFirstRefundAnswer(page: Page): Promise<() => number> {
	await page.route('**/api/events/ticket', (route) => route.abort('connectionreset'));
	return loseFirstAnswer(page, '**/api/payments/*/refunds');
}

async function openRefund(page: Page, part: string) {
	// After a refund made here, the form is folded away until asked for again.
	const more = page.getByRole('button', { name: 'Refund more…' });
	if (await more.isVisible()) await more.click();
	await page.getByRole('radio', { name: 'Part of it' }).check();
	await page.getByLabel(/Value of the goods returned/).fill(part);
	await page.getByRole('button', { name: 'Refund…' }).click();
	return page.getByRole('dialog');
}

/**
 * Bob pays `amount` (each test of the file its own, on the file's one server); the tablet opens its detail on Today
 * and sends a refund of ¥5.00, which the server makes and whose answer is lost.
 */
async function refundWithLostAnswer(page: Page, serverUrl: string, amount: number) {
	const cashier = await api.cashierSession(serverUrl);
	const bob = await api.customerToken(serverUrl, 'bob', '2222');
	const paid = await api.pay(serverUrl, cashier.token, await api.payCode(serverUrl, bob), amount);
	expect(paid.status).toBe(201);
	const afterPayment = await api.balance(serverUrl, bob);
	const sent = await loseFirstRefundAnswer(page);

	await openCounterSignedIn(page, serverUrl);
	await page.getByRole('link', { name: 'Today' }).click();
	const details = () => page.getByRole('row', { name: /bob/ }).filter({ hasText: (amount / 100).toFixed(2) }).getByRole('button', { name: 'Details' });
	await details().click();
	const dialog = await openRefund(page, '5');
	await dialog.getByRole('button', { name: /^Refund ¥5\.00/ }).click();
	await expect(dialog).toContainText('No answer from the server');
	// The server made it: the tablet does not know.
	expect(await api.balance(serverUrl, bob)).toBe(afterPayment + 500);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	return { bobBalance: () => api.balance(serverUrl, bob), afterPayment, sent, details };
}

test('a part refund whose answer was lost is made once when confirmed again', async ({ page, server }) => {
	const { bobBalance, afterPayment, sent } = await refundWithLostAnswer(page, server.url, 3000);

	let dialog = await openRefund(page, '5');
	await expect(dialog.getByTestId('refund-unanswered')).toContainText('A refund of ¥5.00 sent from this tablet');
	await expect(dialog.getByTestId('refund-unanswered')).toContainText('it may have gone through');
	await screenshot(page, 'qa-cashier-refund-unanswered');
	await dialog.getByRole('button', { name: /^Refund ¥5\.00/ }).click();
	await expect(dialog).toBeHidden();
	expect(sent()).toBe(2);
	// Once, not twice.
	expect(await bobBalance()).toBe(afterPayment + 500);
	await expect(page.getByTestId('detail-refunded')).toContainText('¥5.00');

	// That answer closes the matter: another ¥5.00 now is a second refund, and is made.
	dialog = await openRefund(page, '5');
	await expect(dialog.getByTestId('refund-unanswered')).toHaveCount(0);
	await dialog.getByRole('button', { name: /^Refund ¥5\.00/ }).click();
	await expect(dialog).toBeHidden();
	expect(await bobBalance()).toBe(afterPayment + 1000);
});

test('back online, a reload shows the refund made, and the next one is a new refund', async ({ page, server }) => {
	const { bobBalance, afterPayment, details } = await refundWithLostAnswer(page, server.url, 3100);
	await page.unroute('**/api/events/ticket');
	await page.reload();
	await details().click();
	await expect(page.getByTestId('detail-refunded')).toContainText('¥5.00');
	const dialog = await openRefund(page, '5');
	await expect(dialog.getByTestId('refund-unanswered')).toHaveCount(0);
	await dialog.getByRole('button', { name: /^Refund ¥5\.00/ }).click();
	await expect(dialog).toBeHidden();
	expect(await bobBalance()).toBe(afterPayment + 1000);
});

test('a refund for another part after a lost answer is a new refund', async ({ page, server }) => {
	const { bobBalance, afterPayment } = await refundWithLostAnswer(page, server.url, 3200);
	const dialog = await openRefund(page, '7');
	await expect(dialog.getByTestId('refund-unanswered')).toHaveCount(0);
	await dialog.getByRole('button', { name: /^Refund ¥7\.00/ }).click();
	await expect(dialog).toBeHidden();
	expect(await bobBalance()).toBe(afterPayment + 1200);
});

test('a refund whose live update came before its second lost answer leaves the next refund a new one, and it is made', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 3300);
	const afterPayment = await api.balance(server.url, bob);
	// The live updates flow; the refund's first two answers are lost.
	await loseFirstAnswer(page, '**/api/payments/*/refunds', 2);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('row', { name: /bob/ }).filter({ hasText: '33.00' }).getByRole('button', { name: 'Details' }).click();
	let dialog = await openRefund(page, '5');
	await dialog.getByRole('button', { name: /^Refund ¥5\.00/ }).click();
	await expect(dialog).toContainText('No answer from the server');
	// Its live update lands while the dialog is open; "Try again" loses its answer too.
	await expect(page.getByTestId('detail-refunded')).toContainText('¥5.00');
	await dialog.getByRole('button', { name: 'Try again' }).click();
	await expect(dialog).toContainText('No answer from the server');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	expect(await api.balance(server.url, bob)).toBe(afterPayment + 500);

	// The tablet shows the refund made: another ¥5.00 is a second refund, not a replay of the first.
	dialog = await openRefund(page, '5');
	await expect(dialog.getByTestId('refund-unanswered')).toHaveCount(0);
	await dialog.getByRole('button', { name: /^Refund ¥5\.00/ }).click();
	await expect(dialog).toBeHidden();
	expect(await api.balance(server.url, bob)).toBe(afterPayment + 1000);
});
