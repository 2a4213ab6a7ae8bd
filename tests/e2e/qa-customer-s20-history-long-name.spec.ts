/**
 * A shop with a long name (up to 60 characters) and a large payment: on a 360 px phone the history's payment line
 * ran the name under the amount ("Neighbourhood" and "¥20,641.97" printed over each other). The amount keeps its
 * room and the name wraps beside it.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function apart(a: Locator, b: Locator) {
	const x = (await a.boundingBox())!;
	const y = (await b.boundingBox())!;
	const overlap = x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
	expect(overlap, `${JSON.stringify(x)} overlaps ${JSON.stringify(y)}`).toBe(false);
}

test('a long shop name and a large amount on a 360 px history line do not run into each other, in both languages', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const renamed = await fetch(`${server.url}/api/shop`, {
		method: 'PATCH',
		headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ name: 'Extraordinarily Long-Named Neighbourhood Coffee Roastery' })
	});
	expect(renamed.status).toBe(200);
	const bob = await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const topUp = await fetch(`${server.url}/api/wallet/topups`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${bob}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ amount: { amount: 5000000, currency: 'CNY' } })
	});
	expect(topUp.status).toBe(201);
	const cashier = await api.cashierSession(server.url);
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, bob), 2064197)).status).toBe(201);

	await page.goto('/customer/history');
	const line = page.locator('details', { hasText: 'Roastery' }).locator('summary');
	await expect(line).toContainText('¥20,641.97');
	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') await page.locator('button.lang').click();
		await apart(line.locator('.merchant'), line.locator('.amount'));
		await apart(line.locator('.merchant'), line.getByText(lang === 'en' ? 'Paid' : '已付款'));
		const box = (await line.boundingBox())!;
		const amount = (await line.locator('.amount').boundingBox())!;
		expect(amount.x + amount.width).toBeLessThanOrEqual(box.x + box.width);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await screenshot(page, `qa-customer-s20-history-long-name-${lang}-360`);
	}
});
