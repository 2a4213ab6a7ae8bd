/**
 * On a Chinese tablet the cashier read a coupon by the shop's English title ("¥10 off orders of ¥50 or more") on the
 * paid result, the receipt, Today's detail and the reports by campaign, where the customer's phone said 满¥50减¥10.
 * A title that only restates the coupon's rule is now said as the rule in the screen's language there too (the
 * payment answer and the reports' rows carry the rule); in English the title reads as before.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { keyAmount, openCounterSignedIn, scanWithHandheld } from './support/pages';

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const TITLE = '¥10 off orders of ¥50 or more';
const IN_CHINESE = '满¥50减¥10';

/** The screen at the two tablet sizes (landscape and upright), named with its language. */
async function shoot(page: Page, name: string, lang: 'en' | 'zh'): Promise<void> {
	for (const size of [TABLET, { width: 820, height: 1180 }]) {
		await page.setViewportSize(size);
		await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${size.width}.png`), fullPage: true });
	}
	await page.setViewportSize(TABLET);
}

test.use({ viewport: TABLET });

test("a coupon whose title restates its rule is named in the screen's language on the result, receipt, Today and the reports", async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const coupon = (await api.coupons(server.url, alice)).find((c) => c.title === TITLE)!;

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await keyAmount(page, '60');
	await scanWithHandheld(page, await api.payCode(server.url, alice, coupon.id));
	const result = page.getByTestId('charge-result');
	await expect(result.getByTestId('charged')).toHaveText('¥50.00');
	await expect(result.locator('dd.coupon')).toHaveText(TITLE);
	await shoot(page, 'qa-owner-coupon-name-result', 'en');

	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(result.locator('dd.coupon')).toHaveText(IN_CHINESE);
	await expect(result.getByTestId('receipt-coupon')).toHaveText(IN_CHINESE);
	await shoot(page, 'qa-owner-coupon-name-result', 'zh');

	await page.goto('/cashier/payments');
	// Found by the name the screen gives it.
	await page.getByRole('searchbox').fill(IN_CHINESE);
	await page.getByRole('button', { name: /详情/ }).first().click();
	await expect(page.getByTestId('detail-coupon')).toHaveText(IN_CHINESE);
	await expect(page.getByTestId('receipt-coupon')).toHaveText(IN_CHINESE);
	await shoot(page, 'qa-owner-coupon-name-today', 'zh');

	await page.goto('/cashier/report');
	await expect(page.getByTestId('by-campaign-title')).toHaveText([IN_CHINESE]);
	await page.getByRole('button', { name: 'X 报表' }).click();
	await expect(page.getByTestId('fig-by-campaign')).toContainText(IN_CHINESE);
	await expect(page.getByTestId('fig-by-campaign')).not.toContainText('orders of');
	await shoot(page, 'qa-owner-coupon-name-report', 'zh');

	// In English the shop's title is the name, as before.
	await page.getByRole('button', { name: /切换语言为/ }).click();
	await expect(page.getByTestId('by-campaign-title')).toHaveText([TITLE]);
	await shoot(page, 'qa-owner-coupon-name-report', 'en');
});
