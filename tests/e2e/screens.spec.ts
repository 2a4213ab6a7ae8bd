/**
 * Every screen at phone and tablet size: a screenshot for people to look at (test-results/
 * screenshots/) and axe-core with no serious or critical violation.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { captureBoth, keyAmount, openCounterSignedIn, openCustomerSignedIn, screenshot } from './support/pages';

test('landing and customer screens', async ({ page, server }) => {
	test.slow(); // axe twice per screen
	await page.goto('/');
	await expect(page.getByRole('link', { name: /I’m paying/ })).toBeVisible();
	await captureBoth(page, 'landing');

	await page.getByRole('link', { name: /I’m paying/ }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to pay' })).toBeVisible();
	await captureBoth(page, 'customer-signin');

	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await captureBoth(page, 'customer-coupons');

	await page.getByRole('radio', { name: /^¥10 off orders of ¥50 or more/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	const code = (await page.getByTestId('paycode').getAttribute('data-code'))!;
	// The QR encoder loads after the first paint: the screenshot shows the drawn code.
	await expect(page.getByRole('img', { name: 'Payment code as a QR code' })).toBeVisible();
	await captureBoth(page, 'customer-code-screen');
	// A phone held sideways shows the whole code without scrolling: the QR beside its digits and countdown.
	await page.setViewportSize({ width: 844, height: 390 });
	await expect(page.getByRole('img', { name: 'Payment code as a QR code' })).toBeInViewport({ ratio: 1 });
	await expect(page.getByTestId('paycode').locator('.digits')).toBeInViewport({ ratio: 1 });
	await expect(page.getByText(/New code in \d+ s/)).toBeInViewport({ ratio: 1 });
	await screenshot(page, 'customer-code-landscape');
	await page.setViewportSize({ width: 390, height: 844 });

	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, code, 5600)).status).toBe(201);
	await expect(page.getByTestId('customer-result')).toContainText('¥46.00');
	// The coupon is named as the list above named it (the demo’s title, "¥10 off orders of ¥50 or more", restates it).
	await expect(page.getByTestId('customer-result')).toContainText('¥10 off orders of ¥50 or more');
	await captureBoth(page, 'customer-result');

	await page.getByRole('button', { name: 'Done' }).click();
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await page.locator('details summary').first().click();
	await expect(page.locator('details').first()).toContainText('¥10 off orders of ¥50 or more');
	await captureBoth(page, 'customer-history-open');
});

test('cashier screens', async ({ page, server }) => {
	test.slow();
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const before = await api.dailyReport(server.url, owner.token);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await keyAmount(page, '42.8');
	// The network pill comes with the outbox code, just after the first paint.
	await expect(page.getByTestId('network-state')).toContainText('Online');
	await captureBoth(page, 'counter');

	const field = page.getByLabel('Or type the code');
	await field.fill(await api.payCode(server.url, bob));
	await field.press('Enter');
	await expect(page.getByTestId('charge-result')).toBeVisible();
	await captureBoth(page, 'counter-paid');

	await page.getByRole('button', { name: 'Next customer' }).click();
	await keyAmount(page, '5');
	await field.fill('990000000000000002');
	await field.press('Enter');
	await expect(page.getByTestId('charge-declined')).toBeVisible();
	await captureBoth(page, 'counter-declined');

	await page.getByRole('link', { name: 'Today' }).click();
	// A phone hides the Amount column: a declined row says what was asked beside its ¥0.00.
	const wide = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(page.locator('tbody tr').filter({ hasText: 'Declined' }).first()).toContainText('¥5.00 asked');
	if (wide) await page.setViewportSize(wide);
	await page.getByRole('button', { name: /Details bob/ }).click();
	await expect(page.getByRole('button', { name: 'Refund…' })).toBeVisible();
	await captureBoth(page, 'payments-detail');

	await page.getByRole('link', { name: 'Day report' }).click();
	// The day's report counts the payment just taken (the decline is counted apart).
	await expect(page.getByTestId('report-count')).toHaveText(String(before.count + 1));
	const takings = (before.settlement.amount + 4280) / 100;
	await expect(page.getByTestId('report-takings')).toHaveText(`¥${takings.toFixed(2)}`);
	await expect(page.getByRole('img', { name: new RegExp(`^${before.count + 1} payments; busiest hour`) })).toBeVisible();
	await captureBoth(page, 'report');

	await page.getByRole('link', { name: 'Manage' }).click();
	await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
	await captureBoth(page, 'manage');
});

test('dark mode keeps every screen readable', async ({ page, server }) => {
	test.slow();
	await page.emulateMedia({ colorScheme: 'dark' });
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await captureBoth(page, 'dark-customer-coupons');
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByTestId('paycode')).toBeVisible();
	await expect(page.getByRole('img', { name: 'Payment code as a QR code' })).toBeVisible();
	await captureBoth(page, 'dark-customer-code');

	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '7');
	await expect(page.getByTestId('network-state')).toContainText('Online');
	await captureBoth(page, 'dark-counter');
	await page.getByLabel('Or type the code').fill('990000000000000003');
	await page.getByRole('button', { name: 'Use code' }).click();
	await expect(page.getByTestId('charge-declined')).toBeVisible();
	await captureBoth(page, 'dark-counter-declined');
	// A big day: ¥12,345.67 of sales. Each figure stays inside its card, at a phone's width as at a tablet's.
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const topUp = await fetch(`${server.url}/api/wallet/topups`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${bob}`, 'Content-Type': 'application/json', 'Idempotency-Key': `big-day-${Date.now()}` },
		body: JSON.stringify({ amount: { amount: 1_234_567, currency: 'CNY' } })
	});
	expect(topUp.status).toBe(201);
	expect((await api.pay(server.url, (await api.cashierSession(server.url)).token, await api.payCode(server.url, bob), 1_234_567)).status).toBe(201);
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('report-figures')).toBeVisible();
	await captureBoth(page, 'dark-report');
	for (const width of [390, 1024]) {
		await page.setViewportSize({ width, height: 800 });
		const spills = await page.getByTestId('report-figures').locator('dd').evaluateAll((dds) => dds.filter((dd) => dd.scrollWidth > dd.clientWidth + 1).map((dd) => dd.textContent));
		expect(spills, `at ${width}px`).toEqual([]);
	}
});
