/**
 * Staff and PINs and Shop settings were small links inside Campaigns, the bar's last entry: an owner looking for a
 * cashier's PIN at closing time did not find them. The bar's entry is now "Manage" (管理), and its three pages,
 * Campaigns, Staff and PINs and Shop settings, are side by side above each one's heading, the one open marked; the bar
 * marks Manage on all three. A cashier who is not a manager sees neither. (This replaces the spec of the
 * "← Campaigns" link beside Staff's and Shop settings' headings: the section links are the way back now.)
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TABLET } from './support/browser';
import { expectAccessible, openCounterSignedIn } from './support/pages';

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const UPRIGHT = { width: 820, height: 1180 };

const WORDS = {
	en: { manage: 'Manage', sections: ['Campaigns', 'Staff and PINs', 'Shop settings'], headings: ['Campaigns', 'Staff', 'Shop settings'] },
	zh: { manage: '管理', sections: ['优惠活动', '店员与 PIN', '店铺设置'], headings: ['优惠活动', '店员', '店铺设置'] }
} as const;
const PATHS = ['/cashier/manage', '/cashier/staff', '/cashier/shop'];

async function shoot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()!.width}.png`), fullPage: true });
}

test('the bar’s Manage opens Campaigns, Staff and PINs and Shop settings, each a tap from the others, in English and Chinese', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		if (lang === 'zh') {
			await page.getByRole('button', { name: /Switch language to/ }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		}
		for (const size of [TABLET, UPRIGHT]) {
			await page.setViewportSize(size);
			await page.goto('/cashier');
			const bar = page.getByRole('navigation').first();
			const manage = bar.getByRole('link', { name: w.manage, exact: true });
			// The bar's four links fit, each a thumb's size, and nothing scrolls sideways.
			await expect(bar.getByRole('link')).toHaveCount(4);
			for (const link of await bar.getByRole('link').all()) {
				const box = (await link.boundingBox())!;
				expect(box.height, await link.innerText()).toBeGreaterThanOrEqual(44);
				expect(box.x + box.width).toBeLessThanOrEqual(size.width);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
			await manage.click();
			const sections = page.getByRole('navigation', { name: w.manage, exact: true });
			await expect(sections.getByRole('link')).toHaveText([...w.sections]);
			for (const [i, name] of w.sections.entries()) {
				await sections.getByRole('link', { name, exact: true }).click();
				await expect(page).toHaveURL(new RegExp(`${PATHS[i]}$`));
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.headings[i]!);
				await expect(sections.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
				// The bar says where the manager is, on every one of the three.
				await expect(manage).toHaveAttribute('aria-current', i === 0 ? 'page' : 'true');
				const box = (await sections.getByRole('link', { name, exact: true }).boundingBox())!;
				expect(box.height).toBeGreaterThanOrEqual(44);
				if (i === 1) {
					await shoot(page, `qa-owner-manage-sections-staff-${lang}`);
					await expectAccessible(page, `Staff and PINs (${lang}) at ${size.width}px`);
				}
			}
			await sections.getByRole('link', { name: w.sections[0], exact: true }).click();
			await expect(page).toHaveURL(/\/cashier\/manage$/);
			await shoot(page, `qa-owner-manage-sections-campaigns-${lang}`);
		}
	}
});

test('a cashier who is not a manager sees no Manage in the bar and no sections on a manager’s page opened by its address', async ({ page, server }) => {
	await page.setViewportSize(TABLET);
	await openCounterSignedIn(page, server.url);
	await expect(page.getByRole('navigation').first().getByRole('link')).toHaveCount(3);
	await expect(page.getByRole('link', { name: 'Manage', exact: true })).toHaveCount(0);
	for (const path of PATHS) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Manage', exact: true })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Staff and PINs' })).toHaveCount(0);
	}
});
