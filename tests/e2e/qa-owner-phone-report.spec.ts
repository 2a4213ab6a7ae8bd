/**
 * The owner reads the Day report on their phone in Chinese: the refunds card is half the width of a 360 px screen,
 * and its three figures ran on in one text with "·" between them, a name broken across two lines ("退 / 回平台优惠").
 * Each is a line of its own now, as the savings card's are.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("on a phone in Chinese, the Day report's refunds card gives each of its figures a line of its own", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const platformPays = (await api.coupons(server.url, bob)).find((c) => c.rule.kind === 'percent' && c.state === 'available')!;
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, platformPays.id), 3250);
	expect(paid.status).toBe(201);
	await api.refund(server.url, cashier.token, paid.data.payment.id, 500);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.goto('/cashier/report');
	const hint = page.getByTestId('report-refunds-hint');
	// 15% off ¥32.50 is ¥4.87; ¥5.00 of it refunded gives ¥4.25 back to bob and ¥0.75 of the saving to the platform.
	// The two parts of the card's figure; the part of the sales refunded is a line of the Sales card.
	await expect(hint.locator('.line')).toHaveCount(2);
	await expect(page.getByTestId('report-refunded-sales')).toHaveText('退款销售额：¥5.00');
	for (const part of ['退给顾客：¥4.25', '退回平台优惠：¥0.75']) {
		const line = hint.getByText(part, { exact: true });
		await expect(line).toBeVisible();
		// One line: its text is not broken across two, and it starts at the card's edge, not after a "·".
		const rows = await line.evaluate((el) => {
			const range = document.createRange();
			range.selectNodeContents(el);
			return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
		});
		expect(rows, part).toBe(1);
		expect(Math.round((await line.boundingBox())!.x)).toBe(Math.round((await hint.boundingBox())!.x));
	}
	await screenshot(page, 'qa-owner-phone-report-refunds-zh');
	await page.setViewportSize({ width: 360, height: 640 });
	await screenshot(page, 'qa-owner-phone-report-refunds-zh-360');
});

test('on a 360 px phone in Chinese, the Z report keeps "第一笔收款" and "最后一笔收款" on one line beside their times', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	expect((await api.pay(server.url, cashier.token, await api.payCode(server.url, alice), 1800)).status).toBe(201);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await api.created(server.url, owner.token, '/reports/z', {});

	await page.setViewportSize({ width: 360, height: 640 });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.goto('/cashier/report/z/1');
	for (const name of ['第一笔收款', '最后一笔收款']) {
		const label = page.getByRole('article').locator('dt', { hasText: name });
		await expect(label).toBeVisible();
		const rows = await label.evaluate((el) => {
			const range = document.createRange();
			range.selectNodeContents(el);
			return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
		});
		expect(rows, name).toBe(1);
	}
	await screenshot(page, 'qa-owner-phone-z-times-zh');
});
