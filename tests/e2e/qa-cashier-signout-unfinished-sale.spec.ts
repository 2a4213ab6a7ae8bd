/**
 * A cashier with a sale keyed and not charged taps Sign out (on a phone it sits beside the language switch): the sale
 * was cleared without a word, and the customer's amount had to be keyed again, their code asked for again. Signing out
 * now asks first while a sale is begun, on the counter or kept for it while the cashier is on Today; staying keeps it.
 * With nothing keyed, Sign out signs out at once, as before.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS } from './support/browser';
import { openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

test('on a phone, Sign out with an amount keyed asks first, and Stay signed in keeps the amount', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '2', exact: true }).click();
	await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '5', exact: true }).click();
	await expect(page.getByTestId('amount-display')).toHaveText('¥25');

	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	const ask = page.getByRole('dialog', { name: 'A sale is not finished' });
	await expect(ask).toContainText('¥25.00 is keyed and not charged yet. Signing out clears it.');
	await screenshot(page, 'qa-signout-unfinished-sale');
	await ask.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(ask).toBeHidden();
	await expect(page.getByTestId('amount-display')).toHaveText('¥25');

	// The sale charged, nothing is begun: Sign out signs out at once.
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await scan(page, await api.payCode(server.url, bob));
	await expect(page.getByTestId('charge-result')).toBeVisible();
	await page.getByRole('button', { name: 'Next customer' }).click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page.getByLabel('PIN')).toBeVisible();
	await ctx.close();
});

test('a code taken and kept for the counter while the cashier is on Today: Sign out asks first, in Chinese too', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	await openCounterSignedIn(page, server.url);
	const code = await api.payCode(server.url, bob);
	await scan(page, code);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await page.getByRole('button', { name: '退出登录', exact: true }).click();
	const ask = page.getByRole('dialog', { name: '有一笔收款还没完成' });
	await expect(ask).toContainText(`已读取尾号 ${code.slice(-4)} 的顾客付款码，还没有收款。`);
	await ask.getByRole('button', { name: '保持登录' }).click();
	await page.getByRole('link', { name: '收银台' }).click();
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
});

test('a sale declined with its amount still keyed (the customer still there) asks first too; noted as paid in cash, it does not', async ({ page, server }) => {
	// Carol's ¥20.00 does not cover ¥25.00: the sale is declined, the amount stays, and a new code would charge it.
	const carol = await api.customerToken(server.url, 'carol', '3333');
	await openCounterSignedIn(page, server.url);
	await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '2', exact: true }).click();
	await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '5', exact: true }).click();
	await scan(page, await api.payCode(server.url, carol));
	const declined = page.getByTestId('charge-declined');
	await expect(declined).toContainText('Payment declined');

	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	const ask = page.getByRole('dialog', { name: 'A sale is not finished' });
	await expect(ask).toContainText('¥25.00 is keyed and not charged yet.');
	await ask.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(declined).toContainText('Payment declined');

	// Paid in cash, the sale is over: Sign out signs out at once.
	await declined.getByRole('button', { name: 'Paid in cash' }).click();
	await declined.getByLabel('Note').fill('cash in till');
	await declined.getByRole('button', { name: 'Mark as paid in cash' }).click();
	await expect(declined.getByTestId('paid-in-cash-note')).toContainText('cash in till');
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page.getByLabel('PIN')).toBeVisible();
});
