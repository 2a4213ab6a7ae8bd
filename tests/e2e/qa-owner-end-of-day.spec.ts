/**
 * The owner's end of day, figure by figure: a part refund of a sale whose coupon the platform paid for says on
 * Today what the shop keeps of it (the day's "paid back" includes the platform's saving returned, which no payment
 * said) and who gave it (the sale's cashier was said, and the reports count a refund for whoever gave it), and the
 * day report's savings by campaign stay inside their card on a 360 px phone.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn, screenshot } from './support/pages';

test.use({ viewport: TABLET });

/** A sale of `amount` by `handle` with their coupon of `kind` (the demo's: threshold, percent, fixed). */
async function saleWithCoupon(base: string, cashierToken: string, handle: string, pin: string, kind: string, amount: number): Promise<string> {
	const customer = await api.customerToken(base, handle, pin);
	const coupon = (await api.coupons(base, customer)).find((c) => c.rule.kind === kind);
	const paid = await api.pay(base, cashierToken, await api.payCode(base, customer, coupon!.id), amount);
	expect(paid.status).toBe(201);
	return paid.data.payment.id;
}

test("a part refund of a platform-coupon sale says on Today what the shop keeps, which adds up to the day's line", async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// ¥45.30 with 15% off (the platform's ¥6.79): charged ¥38.51, the shop receives ¥45.30. ¥20.00 of it refunded:
	// ¥17.00 back to bob and ¥3.00 of the saving back to the platform, so the shop keeps ¥25.30.
	const id = await saleWithCoupon(server.url, cashier.token, 'bob', '2222', 'percent', 4530);
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	await api.refund(server.url, owner.token, id, 2000);
	// Who gave it is the shop's to know, not the customer's.
	const bobsView = await api.refunds(server.url, await api.customerToken(server.url, 'bob', '2222'), id);
	expect(bobsView.refunds[0]).not.toHaveProperty('cashierHandle');

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByText('1 paid · shop keeps ¥25.30 after paying back ¥20.00 in refunds')).toBeVisible();
	await page.getByRole('row', { name: /bob/ }).getByRole('button', { name: 'Details' }).click();
	await expect(page.getByTestId('detail-refunded')).toContainText('¥20.00 of the order · ¥17.00 back');
	const kept = page.getByTestId('detail-kept');
	await expect(kept).toContainText('Shop keeps');
	await expect(kept).toContainText('¥3.00 of the platform’s saving went back too');
	await expect(kept.locator('dd')).toHaveText('¥25.30');
	await expect(page.getByTestId('refund-by')).toHaveText('By owner');
	await screenshot(page, 'qa-owner-detail-kept');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(kept).toContainText('退款后商户实收');
	await expect(kept).toContainText('另退回平台优惠 ¥3.00');
	await expect(page.getByTestId('refund-by')).toHaveText('办理人：owner');
	await expect(kept.locator('dd')).toHaveText('¥25.30');
	await captureBoth(page, 'qa-owner-detail-kept-zh');
});

test('on a 360 px phone the day report keeps the savings by campaign inside their card, and still says who pays', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	await saleWithCoupon(server.url, cashier.token, 'alice', '1111', 'percent', 20000);
	await saleWithCoupon(server.url, cashier.token, 'alice', '1111', 'threshold', 6850);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	const table = page.getByRole('table').filter({ has: page.getByTestId('by-campaign-title') });
	await expect(table.getByRole('row', { name: /15% off/ })).toBeVisible();

	/** How far the table reaches past its card's padding edge, and how far the page scrolls sideways, in px. */
	const spill = () =>
		table.evaluate((t) => {
			const card = t.closest('section')!;
			const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
			return { table: Math.max(0, Math.round(t.getBoundingClientRect().right - inner)), page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
		});
	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') await page.getByRole('button', { name: /中文/ }).click();
		const platform = lang === 'en' ? /^(Paid by: )?Platform$/ : /^(承担方：)?平台$/;
		for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, TABLET]) {
			await page.setViewportSize(size);
			expect(await spill(), `${lang} at ${size.width}px`).toEqual({ table: 0, page: 0 });
			// Who pays for the campaign is said at every width: in its column, or under the title on a narrow phone.
			// In Chinese the campaign is named by its rule in Chinese (its title only restates it).
			const row = table.getByRole('row', { name: lang === 'en' ? /15% off/ : /8\.5折/ });
			await expect(row.getByText(platform).locator('visible=true')).toHaveCount(1);
		}
		await page.setViewportSize({ width: 360, height: 740 });
		await table.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `test-results/screenshots/qa-owner-by-campaign-360-${lang}.png` });
	}
});

test('a refund the server failed to make says "Try again" in the owner\'s language, and Try again refunds it once', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, carol), 1200);
	expect(paid.status).toBe(201);
	let failures = 1;
	await page.route('**/api/payments/*/refunds', async (route) => {
		if (route.request().method() !== 'POST' || failures-- <= 0) return route.continue();
		await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal error' } }) });
	});

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByRole('button', { name: /简体中文/ }).click();
	await page.getByRole('row', { name: /carol/ }).getByRole('button', { name: '详情' }).click();
	await page.getByRole('button', { name: '退款…' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: /^退款 ¥12\.00/ }).click();
	await expect(dialog).toContainText('暂时无法退款。“重试”会重复同一笔退款，不会重复退。');
	await expect(dialog).not.toContainText('INTERNAL');
	await screenshot(page, 'qa-owner-refund-not-now-zh');
	await dialog.getByRole('button', { name: '重试' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('row', { name: /carol/ })).toContainText('已退款');
	expect((await api.refunds(server.url, cashier.token, paid.data.payment.id)).refunds).toHaveLength(1);
});

test("on a 360 px phone a manager's four links fit the bar: none is cut at the screen's edge", async ({ page, server }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	const nav = page.locator('header nav');
	await expect(nav.getByRole('link', { name: 'Manage' })).toBeVisible();
	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') await page.getByRole('button', { name: /中文/ }).click();
		for (const width of [360, 375, 390]) {
			await page.setViewportSize({ width, height: 740 });
			/** Each link's right edge past the navigation's, in px (0: inside). */
			const cut = await nav.evaluate((n) => {
				const edge = n.getBoundingClientRect().right;
				return [...n.querySelectorAll('a')].map((a) => `${a.textContent}: ${Math.max(0, Math.round(a.getBoundingClientRect().right - edge))}`);
			});
			expect(cut.every((c) => c.endsWith(': 0')), `${lang} at ${width}px: ${cut.join(', ')}`).toBe(true);
		}
		await page.setViewportSize({ width: 360, height: 740 });
		await page.screenshot({ path: `test-results/screenshots/qa-owner-nav-360-${lang}.png` });
	}
});
