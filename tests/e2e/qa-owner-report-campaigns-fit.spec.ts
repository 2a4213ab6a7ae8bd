/**
 * The day report on a tablet held upright: "Savings by campaign" sat beside "Payments per hour" down to 761 px, and
 * its table needed more than its card had there, so the savings, the table's key figure, were cut to "¥26." and its
 * heading clipped. Between a phone and a landscape tablet every column of it is whole inside its card, in English
 * and in Chinese.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { openCounterSignedIn, screenshot } from './support/pages';

const SIZES = [
	{ width: 768, height: 1024 },
	{ width: 820, height: 1180 },
	{ width: 900, height: 1200 },
	{ width: 1024, height: 768 },
	{ width: 1280, height: 800 }
];

/** Every cell of the campaign table, by how far its right edge passes its card's inner edge (0: inside). */
async function overflowPx(page: Page): Promise<{ text: string; past: number }[]> {
	return page.getByRole('region', { name: /Savings by campaign|按优惠活动/ }).evaluate((card) => {
		const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
		return [...card.querySelectorAll('th, td')]
			.filter((cell) => (cell as HTMLElement).offsetParent !== null)
			.map((cell) => ({ text: (cell.textContent ?? '').trim(), past: Math.max(0, Math.round(cell.getBoundingClientRect().right - inner)) }));
	});
}

test('the savings by campaign stay whole inside their card from a portrait tablet up, in both languages', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	// Sales with each of the shop's coupons: the campaign table has three rows, with figures like ¥20.00 and ¥28.33.
	for (const [who, pin] of [['alice', '1111'], ['bob', '2222']]) {
		const token = await api.customerToken(server.url, who, pin);
		for (const coupon of await api.coupons(server.url, token)) {
			const amount = coupon.rule.kind === 'percent' ? (who === 'alice' ? 13_333 : 5_555) : 6_000;
			const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, token, coupon.id), amount);
			expect(paid.status).toBe(201);
		}
	}
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/report');
	await expect(page.getByTestId('by-campaign-title')).toHaveCount(3);

	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') {
			await page.getByRole('button', { name: '中文' }).click();
			await expect(page.getByRole('heading', { name: '按优惠活动' })).toBeVisible();
		}
		for (const size of SIZES) {
			await page.setViewportSize(size);
			const cells = await overflowPx(page);
			expect(cells.length).toBeGreaterThanOrEqual(9);
			expect(cells.filter((c) => c.past > 0), `${lang} at ${size.width}px`).toEqual([]);
			// The figures are whole: "¥28.33", not "¥28."
			if (size.width === 768 || size.width === 1024) await screenshot(page, `qa-report-campaigns-${lang}-${size.width}`);
		}
	}
});
