/**
 * A long day on "Today": the list reads every payment of the day (its newest page, then the older ones), so the
 * summary and the search cover the whole day; it draws the newest 100 rows only, and "Show more" draws more.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { grantCampaign, signUpCustomer } from './support/campaigns';
import { openCounterSignedIn } from './support/pages';

test('a day of 130 payments, 70 of them arriving live: counted and searched whole, the newest 100 drawn, "Show more" draws the rest', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const cashier = await api.cashierSession(server.url);
	const payments = async (from: number, count: number) => {
		for (let i = from; i < from + count; i++) {
			const res = await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 100 + i);
			expect(res.status).toBe(201);
		}
	};
	await payments(0, 60);
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	const more = page.getByRole('button', { name: 'Show more' });
	// More than the server's first page (50): the older ones are read as well, and the summary counts all 60.
	await expect(rows).toHaveCount(60);
	await expect(page.getByText('60 paid · shop receives ¥77.70')).toBeVisible();
	// The oldest payment is found by a search at once.
	await page.getByRole('searchbox').fill('1.00');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('¥1.00');
	await page.getByRole('searchbox').fill('');

	await payments(60, 70); // the live stream prepends them: 130 in memory, 100 drawn
	await expect(page.getByText('130 paid')).toBeVisible();
	await expect(rows).toHaveCount(100);
	// The newest first: the last payment (1.00 + 129 fen) heads the list.
	await expect(rows.first()).toContainText('¥2.29');
	await more.click();
	await expect(rows).toHaveCount(130);
	await expect(more).toHaveCount(0);
	await expect(rows.last()).toContainText('¥1.00');
});

test('a ¥999,999.99 sale fits "Today" on an upright tablet without a sideways scroll, and stays readable on a phone', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const post = (path: string, token: string, body: unknown) =>
		fetch(`${server.url}/api${path}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
			body: JSON.stringify(body)
		});
	expect((await post('/wallet/topups', bob, { amount: { amount: 100_000_000, currency: 'CNY' } })).status).toBe(201);
	// The widest row there is: the most a payment may be, with a coupon's saving, partly refunded.
	const percent = (await api.coupons(server.url, bob)).find((c) => c.rule.kind === 'percent')!;
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, percent.id), 99_999_999);
	expect(paid.status).toBe(201);
	expect((await post(`/payments/${paid.data.payment.id}/refunds`, cashier.token, { amount: { amount: 100, currency: 'CNY' } })).status).toBe(201);
	// Half off: the saving and the charge are both six figures, and the customer's handle is as long as one may be.
	const longHandle = 'a-customer-with-the-longest-handle-of-40';
	await signUpCustomer(server.url, longHandle, '4444');
	const long = await api.customerToken(server.url, longHandle, '4444');
	expect((await post('/wallet/topups', long, { amount: { amount: 100_000_000, currency: 'CNY' } })).status).toBe(201);
	await grantCampaign(server.url, longHandle, { title: 'Half off', rule: { kind: 'percent', percent: 50, cap: null }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
	const half = (await api.coupons(server.url, long)).find((c) => c.title === 'Half off')!;
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, long, half.id), 99_999_999)).status).toBe(201);
	// And a declined one, which says why.
	expect((await api.pay(server.url, cashier.token, '123456789012345678', 99_999_999)).status).toBe(402);

	await page.setViewportSize({ width: 768, height: 1024 });
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const row = page.locator('tbody tr[data-payment-id]').filter({ hasText: '¥999,979.99' });
	await expect(row).toContainText('Part refunded');
	const table = page.locator('.table-wrap');
	/** How far the table reaches past its box, sideways (0: it fits). */
	const overflow = () => table.evaluate((el) => el.scrollWidth - el.clientWidth);
	const spills: string[] = [];
	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
			await page.setViewportSize(size);
			const over = await overflow();
			if (over > 0) spills.push(`${lang} at ${size.width}px: ${over} px`);
			// Its Details button (a chevron alone on a phone) is a thumb's target across too.
			const details = (await row.locator('td.end button').boundingBox())!;
			if (details.width < 44 || details.height < 44) spills.push(`${lang} at ${size.width}px: Details ${details.width}×${details.height}`);
			// The top of the list, where these rows are (the file's other test leaves a long day under them).
			await page.screenshot({ path: `test-results/screenshots/payments-big-${lang}-${size.width}.png` });
		}
	}
	expect(spills).toEqual([]);
	await expect(page.locator('tbody tr[data-payment-id]').filter({ hasText: '−¥499,999.99' })).toContainText('¥500,000.00');

	// Its details open under it, still without a sideways scroll.
	await page.getByRole('button', { name: /English|EN/ }).click();
	await page.setViewportSize({ width: 768, height: 1024 });
	await row.getByRole('button', { name: /Details/ }).click();
	await expect(page.locator('.detail-row')).toBeVisible();
	expect(await overflow()).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'test-results/screenshots/payments-big-details-768.png' });
});
