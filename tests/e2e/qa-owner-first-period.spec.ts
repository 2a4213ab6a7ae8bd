/**
 * The shop's first period is named the same way on the X report, in the close's confirmation and on Z report
 * No. 1: "Since the shop opened" (the X said "Since the first payment" where Z No. 1 gave the shop's opening).
 * The Day report follows the sales of the shop's other tills while it is open, as Today does (it kept the figures
 * it opened with); the close's confirmation shows the cash taken for a declined sale, which the Z report counts,
 * and follows a sale made while it is open too (it said 2 payments, and the Z report it made held 3).
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 768, height: 1024 } });

const SIZES = [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }];

test('the X report, the close and Z report No. 1 all say the first period runs since the shop opened', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 1500)).status).toBe(201);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const declined = await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 5000);
	expect(declined.status).toBe(402);
	await api.created(server.url, cashier.token, `/payments/${declined.data.payment.id}/paid-in-cash`, { note: 'Carol paid in cash' });

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const live = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-count')).toHaveText('1');
	await live;
	// Another till rings up a sale: the figures on screen follow it.
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 800)).status).toBe(201);
	await expect(page.getByTestId('report-count')).toHaveText('2');
	await page.getByRole('button', { name: 'X report' }).click();
	const xSection = page.getByRole('region', { name: 'X report (not closed)' });
	await expect(xSection).toContainText('Since the shop opened ·');
	await expect(xSection).not.toContainText('first payment');
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-first-x-${size.width}`);
	}

	await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Close the day?' });
	await expect(dialog).toContainText('Since the shop opened');
	const period = dialog.getByTestId('close-period');
	await expect(period.locator('[data-fig=paid-in-cash]')).toHaveText('¥50.00');
	await expect(period).toContainText('Paid in cash after a decline (1)');
	await expect(period.locator('[data-fig=count]')).toHaveText('2');
	// And another while the manager reads the figures: they change before the yes, not after.
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 500)).status).toBe(201);
	await expect(period.locator('[data-fig=count]')).toHaveText('3');
	await expect(period.locator('[data-fig=amount]')).toHaveText('¥28.00');
	await screenshot(page, 'qa-owner-first-close-confirm');
	await dialog.getByRole('button', { name: 'Close the day' }).click();
	await expect(page.getByText('Day closed: Z report No. 1.')).toBeVisible();
	await expect(page.getByTestId('z-figures').locator('[data-fig=count]')).toHaveText('3');

	// The next period starts at that close, with its time.
	await page.getByRole('button', { name: 'X report' }).click();
	await expect(xSection).toContainText(/Since \d/);
	await expect(xSection).not.toContainText('shop opened');

	await page.getByTestId('z-list').getByRole('link', { name: 'View' }).first().click();
	await expect(page.getByRole('heading', { name: 'Z report No. 1' })).toBeVisible();
	await expect(page.getByTestId('z-period-start')).toHaveText(/^Since the shop opened \(\d.*\)$/);
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await screenshot(page, `qa-owner-first-z-${size.width}`);
	}

	// The same words in Chinese.
	await page.getByRole('button', { name: /简体中文|中文/ }).click();
	await expect(page.getByTestId('z-period-start')).toHaveText(/^自开店起（.*）$/);
	await screenshot(page, 'qa-owner-first-z-zh-768');
});
