/**
 * A coupon valid only at other shops, shown at this till while it was offline: the sale is queued, and declined when
 * the till syncs (COUPON_NOT_APPLICABLE, WRONG_MERCHANT). The counter's "Declined after sending" list says where the
 * coupon is valid, naming its shops, as the counter's own decline does online (qa-wrongshop.spec.ts), so the cashier
 * can tell the customer to pay without it. Shops may have long names (up to 60 characters, and a German compound has
 * no space to break at): on a 360x640 phone the reason is on screen, whole, and nothing runs past the screen's edge.
 * The coupon's extra shops are added to its campaign in the file's server's database (addCampaignShops): a manager's
 * campaign is for their own shop only, and a campaign for several shops is the platform's to make.
 */
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { addCampaignShops, grantCampaign } from './support/campaigns';
import { CONTEXT_DEFAULTS } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, preloadChinese, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

/** The coupon's other shops, as the server lists them (by name): Demo Café, then these. */
const LONG_SHOPS = ['Donaudampfschifffahrtsgesellschaftskaffeehaus', 'The Corner Roastery and Bakery at the Old Market Square'];
const COUPON = '¥5 off at our three cafés';
const WORDS = {
	en: {
		title: 'Declined after sending (1)',
		reason: `This coupon is for Demo Café, ${LONG_SHOPS[0]} and ${LONG_SHOPS[1]} only. (${COUPON})`,
		chargeAgain: 'Charge again',
		cash: 'Paid in cash'
	},
	zh: {
		title: '发送后被拒（1）',
		reason: `该优惠券仅限Demo Café、${LONG_SHOPS[0]}和${LONG_SHOPS[1]}使用。（${COUPON}）`,
		chargeAgain: '重新收款',
		cash: '已付现金'
	}
};

/** Nothing in `box` wider than it, and the page not wider than the screen. */
async function expectNoOverflow(page: Page, box: Locator, at: string): Promise<void> {
	const width = page.viewportSize()!.width;
	expect(await page.evaluate(() => document.documentElement.scrollWidth), `the page's width ${at}`).toBeLessThanOrEqual(width);
	const overflowing = await box.evaluate((root) =>
		[root, ...root.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible').map((el) => el.outerHTML.slice(0, 120))
	);
	expect(overflowing, `wider than their box ${at}`).toEqual([]);
	const right = await box.evaluate((root) => Math.max(...[root, ...root.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)));
	expect(right, `the list's right edge ${at}`).toBeLessThanOrEqual(width);
}

test('a coupon for three other shops, long names and all, used at this till offline: after the sync the declined list names the shops, whole on a 360x640 phone (en, zh)', async ({ browser, server }) => {
	const handle = uniqueHandle('elsewhere');
	const customer = await newCustomer(server.url, handle, 50_000);
	await grantCampaign(server.url, handle, { title: COUPON, rule: { kind: 'fixed', off: 500 }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
	addCampaignShops(join(server.dir, 'pos.db'), COUPON, LONG_SHOPS);
	const coupon = (await api.coupons(server.url, customer)).find((c) => c.title === COUPON)!;
	const code = await api.payCode(server.url, customer, coupon.id);

	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url, 'demo-books', 'cashier-1', '4321');
	await preloadChinese(page);
	await ctx.setOffline(true);
	await page.keyboard.type('60');
	await scanWithHandheld(page, code);
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	await ctx.setOffline(false);

	const list = page.getByTestId('declined-after-sync');
	const entry = list.getByTestId('declined-entry');
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		const at = `at 360x640 (${lang})`;
		if (lang === 'zh') await switchLanguage(page);
		await expect(list.getByRole('heading', { name: w.title })).toBeVisible();
		await expect(entry).toHaveCount(1);
		await expect(entry).toContainText('¥60.00');
		await expect(entry.getByTestId('declined-reason')).toHaveText(w.reason);
		await page.evaluate(() => window.scrollTo(0, 0));
		await screenshot(page, `qa-offline-wrongshop-declined-${lang}`);
		await expect(entry.getByTestId('declined-reason'), `the reason ${at}`).toBeInViewport({ ratio: 1 });
		for (const name of [w.chargeAgain, w.cash]) await expect(entry.getByRole('button', { name }), `${name} ${at}`).toBeInViewport({ ratio: 1 });
		await expectNoOverflow(page, list, at);
	}
	// Declined, nothing moved: the wallet is as it was.
	expect(await api.balance(server.url, customer)).toBe(50_000);
	await ctx.close();
});
