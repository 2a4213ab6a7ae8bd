/**
 * Two things an owner met on the manager's screens:
 * - A campaign "¥10 off orders of ¥50 or more" (a threshold rule, no minimum spend of its own) said "Minimum spend:
 *   None" on its page, where the English page shows no rule line (the title restates it): the owner read "no
 *   minimum". The line now says the least order the coupon is used on, ¥50.00.
 * - Links under a thumb's 44 px: the Day report's "Platform coupons statement →" (34 px tall, 15 px in Chinese) and
 *   the campaign list's "Figures" / "数据" (32 px wide).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TABLET } from './support/browser';
import { openCounterSignedIn } from './support/pages';

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const UPRIGHT = { width: 820, height: 1180 };

async function toChinese(page: Page): Promise<void> {
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

async function shoot(page: Page, name: string): Promise<void> {
	const lang = (await page.locator('html').getAttribute('lang'))?.startsWith('zh') ? 'zh' : 'en';
	await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${page.viewportSize()!.width}.png`), fullPage: true });
}

async function expectThumbSized(page: Page, link: ReturnType<Page['getByRole']>): Promise<void> {
	const box = (await link.boundingBox())!;
	const label = `${await link.innerText()} at ${page.viewportSize()!.width} px`;
	expect(box.width, label).toBeGreaterThanOrEqual(44);
	expect(box.height, label).toBeGreaterThanOrEqual(44);
}

test.use({ viewport: TABLET });

test('a threshold campaign without a minimum spend of its own says its rule’s minimum, in English and Chinese', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.goto('/cashier/manage');
	const item = page.getByRole('region', { name: 'Campaigns' }).getByRole('listitem').filter({ hasText: '¥10 off orders of ¥50 or more' });
	await item.getByRole('link', { name: 'Figures' }).click();
	const minimum = page.getByTestId('campaign-limits').locator('[data-limit=minimum-spend]');
	await expect(minimum).toHaveText('¥50.00');
	for (const size of [TABLET, UPRIGHT]) {
		await page.setViewportSize(size);
		await shoot(page, 'qa-owner-threshold-minimum');
	}
	await toChinese(page);
	await expect(minimum).toHaveText('¥50.00');
	for (const size of [TABLET, UPRIGHT]) {
		await page.setViewportSize(size);
		await shoot(page, 'qa-owner-threshold-minimum');
	}
});

test('the platform statement link and a campaign’s Figures link are thumb-sized, in English and Chinese', async ({ page, server }) => {
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	for (const lang of ['en', 'zh']) {
		if (lang === 'zh') await toChinese(page);
		for (const size of [TABLET, UPRIGHT]) {
			await page.setViewportSize(size);
			await page.goto('/cashier/report');
			await expectThumbSized(page, page.getByTestId('platform-statement-link'));
			await shoot(page, 'qa-owner-statement-link');
			await page.goto('/cashier/manage');
			const list = page.getByRole('region', { name: lang === 'en' ? 'Campaigns' : '活动列表' });
			const figures = list.getByRole('link', { name: lang === 'en' ? 'Figures' : '数据', exact: true });
			await expect(figures.first()).toBeVisible();
			for (const link of await figures.all()) await expectThumbSized(page, link);
			await shoot(page, 'qa-owner-figures-link');
		}
	}
});
