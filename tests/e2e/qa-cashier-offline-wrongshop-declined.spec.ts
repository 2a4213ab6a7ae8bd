/**
 * A coupon valid only at other shops, shown at this till while it was offline: the sale is queued, and declined when
 * the till syncs (COUPON_NOT_APPLICABLE, WRONG_MERCHANT). The counter's "Declined after sending" list says where the
 * coupon is valid, naming its shops, as the counter's own decline does online (qa-wrongshop.spec.ts), so the cashier
 * can tell the customer to pay without it. Shops may have long names (up to 60 characters, and a German compound has
 * no space to break at): on a 360x640 phone the reason is on screen, whole, and nothing runs past the screen's edge.
 * The coupon's extra shops are added to its campaign in the file's server's database (addCampaignShops): a manager's
 * campaign is for their own shop only, and a campaign for several shops is the platform's to make.
 *
 * With two more sales declined beside it (wallets short), the list showing every entry whole stood some 700 px tall
 * over the counter, and the keypad's bottom row and "Scan with camera" were far below the phone's edge: the cashier
 * with a queue scrolled for every next sale. On so short a phone the list is folded to its heading, with Show: the
 * keypad and the ways to take the code are on screen under it, online and in an outage, and Show opens the entries,
 * each with its actions.
 *
 * A landscape tablet shows the first entry whole: online it fits, but in an outage, under the offline banner, the long
 * names' entry put the keypad's "00" at y 732-785 of 768. The list folds there too, as it does wherever it would push
 * the keypad's last row off the screen, and the tablets' sizes keep the keypad and the camera whole.
 */
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { addCampaignShops, grantCampaign } from './support/campaigns';
import { CONTEXT_DEFAULTS } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { expectAccessible, openCounterSignedIn, preloadChinese, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

/** The coupon's other shops, as the server lists them (by name): Demo Café, then these. */
const LONG_SHOPS = ['Donaudampfschifffahrtsgesellschaftskaffeehaus', 'The Corner Roastery and Bakery at the Old Market Square'];
const COUPON = '¥5 off at our three cafés';
const WORDS = {
	en: {
		title: (count: number) => `Declined after sending (${count})`,
		reason: `This coupon is for Demo Café, ${LONG_SHOPS[0]} and ${LONG_SHOPS[1]} only. (${COUPON})`,
		chargeAgain: 'Charge again',
		cash: 'Paid in cash',
		note: 'Note',
		markCash: 'Mark as paid in cash',
		show: 'Show',
		hide: 'Hide',
		keypad: 'Amount keypad',
		point: 'Decimal point',
		clear: 'Clear',
		camera: 'Scan with camera',
		type: 'Type the code'
	},
	zh: {
		title: (count: number) => `发送后被拒（${count}）`,
		reason: `该优惠券仅限Demo Café、${LONG_SHOPS[0]}和${LONG_SHOPS[1]}使用。（${COUPON}）`,
		chargeAgain: '重新收款',
		cash: '已付现金',
		note: '备注',
		markCash: '标记为已付现金',
		show: '查看',
		hide: '收起',
		keypad: '金额键盘',
		point: '小数点',
		clear: '清除',
		camera: '摄像头扫码',
		type: '输入付款码'
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

/** The tablets' sizes, both ways round. */
const TABLETS = [
	{ width: 1024, height: 768 },
	{ width: 768, height: 1024 },
	{ width: 820, height: 1180 },
	{ width: 1180, height: 820 }
];

/**
 * The keypad's bottom row and the buttons that take the code on screen, seen from the top of the page. A tablet has no
 * "Type the code" button (its field always shows).
 */
async function expectCounterOnScreen(page: Page, lang: 'en' | 'zh', at: string, { phone = true } = {}): Promise<void> {
	const w = WORDS[lang];
	await page.evaluate(() => window.scrollTo(0, 0));
	const pad = page.getByRole('group', { name: w.keypad });
	for (const name of [w.point, '0', '00', w.clear]) await expect(pad.getByRole('button', { name, exact: true }), `key ${name} ${at}`).toBeInViewport({ ratio: 1 });
	for (const name of phone ? [w.camera, w.type] : [w.camera]) await expect(page.getByRole('button', { name }), `${name} ${at}`).toBeInViewport({ ratio: 1 });
}

/** A sale keyed and scanned with the network gone: queued, and the counter left for the next one. */
async function queueSale(page: Page, amount: string, code: string): Promise<void> {
	await page.keyboard.type(amount);
	await scanWithHandheld(page, code);
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
}

test('three sales declined after sending, one with a coupon for three shops with long names: on a 360x640 phone the list is one line over a whole keypad, online and offline, and opens to each sale whole with its actions; on tablets in an outage it folds where it would push the keypad off the screen (en, zh)', async ({ browser, server }) => {
	const handle = uniqueHandle('elsewhere');
	const customer = await newCustomer(server.url, handle, 50_000);
	await grantCampaign(server.url, handle, { title: COUPON, rule: { kind: 'fixed', off: 500 }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
	addCampaignShops(join(server.dir, 'pos.db'), COUPON, LONG_SHOPS);
	const coupon = (await api.coupons(server.url, customer)).find((c) => c.title === COUPON)!;
	const couponCode = await api.payCode(server.url, customer, coupon.id);
	// Two customers whose wallets are short of what they were charged offline.
	const short = [await newCustomer(server.url, uniqueHandle('short'), 2_000), await newCustomer(server.url, uniqueHandle('short'), 1_000)];
	const shortCodes = [await api.payCode(server.url, short[0]!), await api.payCode(server.url, short[1]!)];

	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url, 'demo-books', 'cashier-1', '4321');
	await preloadChinese(page);
	await ctx.setOffline(true);
	await queueSale(page, '60', couponCode);
	await queueSale(page, '45', shortCodes[0]!);
	await queueSale(page, '38', shortCodes[1]!);
	await ctx.setOffline(false);

	const list = page.getByTestId('declined-after-sync');
	const entries = list.getByTestId('declined-entry');
	const elsewhere = entries.filter({ hasText: '¥60.00' });
	await expect(list.getByRole('heading', { name: WORDS.en.title(3) })).toBeVisible();
	// Folded: the counter is whole under it, the heading says how many, and Show is beside it.
	await expectCounterOnScreen(page, 'en', 'online at 360x640 (en)');
	await expect(entries.first()).toBeHidden();
	await expect(list.getByRole('button', { name: WORDS.en.show, expanded: false })).toBeInViewport({ ratio: 1 });
	await screenshot(page, 'qa-offline-wrongshop-declined-folded-online-en');

	// The network drops again: the offline banner comes back over the counter, and the next sale's amount is keyed.
	await ctx.setOffline(true);
	await expect(page.getByTestId('offline-banner')).toBeVisible();
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		const at = `offline at 360x640 (${lang})`;
		if (lang === 'zh') await switchLanguage(page);
		await expect(list.getByRole('heading', { name: w.title(3) })).toBeVisible();
		await page.keyboard.press('5');
		// What to do next is on screen too, in the scanner's line's place (it ended 25 px below the edge, under it).
		await expect(page.getByTestId('scan-hint'), `the hint ${at}`).toBeInViewport({ ratio: 1 });
		await expect(entries.first()).toBeHidden();
		await expectCounterOnScreen(page, lang, at);
		await expect(list.getByRole('button', { name: w.show, expanded: false }), `Show ${at}`).toBeInViewport({ ratio: 1 });
		await screenshot(page, `qa-offline-wrongshop-declined-folded-${lang}`);
		if (lang === 'en') await expectAccessible(page, 'the folded list at 360x640');
		await page.keyboard.press('Escape');

		// Opened: every sale whole, the shops named, each with its actions; nothing wider than the phone.
		await list.getByRole('button', { name: w.show, expanded: false }).click();
		await expect(entries).toHaveCount(3);
		await expect(elsewhere.getByTestId('declined-reason')).toHaveText(w.reason);
		for (const entry of await entries.all()) {
			await entry.scrollIntoViewIfNeeded();
			await expect(entry.getByTestId('declined-reason'), `the reason ${at}`).toBeInViewport({ ratio: 1 });
			for (const name of [w.chargeAgain, w.cash]) await expect(entry.getByRole('button', { name }), `${name} ${at}`).toBeInViewport({ ratio: 1 });
		}
		await expectNoOverflow(page, list, at);
		await screenshot(page, `qa-offline-wrongshop-declined-${lang}`);
		await list.getByRole('button', { name: w.hide, expanded: true }).click();
		await expect(entries.first()).toBeHidden();
		await expectCounterOnScreen(page, lang, `folded again ${at}`);
	}

	// Back online, the first short wallet's customer paid in cash: opened, noted, and the list counts two.
	await ctx.setOffline(false);
	const w = WORDS.zh;
	await list.getByRole('button', { name: w.show }).click();
	const paidInCash = entries.filter({ hasText: '¥45.00' });
	await paidInCash.getByRole('button', { name: w.cash }).click();
	await paidInCash.getByLabel(w.note).fill('现金 ¥45');
	await paidInCash.getByRole('button', { name: w.markCash }).click();
	await expect(list.getByRole('heading', { name: w.title(2) })).toBeVisible();
	await expect(entries).toHaveCount(2);
	await list.getByRole('button', { name: w.hide, expanded: true }).click();
	await expectCounterOnScreen(page, 'zh', 'with two left at 360x640 (zh)');

	// A landscape tablet keeps its list as it was: the first sale whole, the others counted on a button.
	await page.setViewportSize({ width: 1024, height: 768 });
	await expect(entries.first().getByTestId('declined-reason')).toBeVisible();
	await expect(list.getByRole('button', { name: '再显示 1 笔' })).toBeVisible();
	await screenshot(page, 'qa-offline-wrongshop-declined-zh');
	await switchLanguage(page);
	await screenshot(page, 'qa-offline-wrongshop-declined-en');

	// In an outage the offline banner comes above the list: shown, the long names' entry in English (four lines) would
	// push the keypad's "00" below a landscape tablet's edge. Folded to its line there, the keypad and the camera are
	// whole, and Show opens the sales, the long names' one with its actions on screen. In Chinese the same entry takes
	// three lines and leaves the keypad whole: it stays shown. Either way the keypad is whole at every tablet's size.
	await ctx.setOffline(true);
	await expect(page.getByTestId('offline-banner')).toBeVisible();
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		if (lang === 'zh') await switchLanguage(page);
		for (const viewport of TABLETS) {
			await page.setViewportSize(viewport);
			await expect(list.getByRole('heading', { name: w.title(2) })).toBeVisible();
			await expectCounterOnScreen(page, lang, `offline at ${viewport.width}x${viewport.height} (${lang})`, { phone: false });
		}
		await page.setViewportSize({ width: 1024, height: 768 });
		const at = `offline at 1024x768 (${lang})`;
		await expectCounterOnScreen(page, lang, at, { phone: false });
		if (lang === 'zh') {
			await expect(elsewhere.getByTestId('declined-reason'), `the reason ${at}`).toBeInViewport({ ratio: 1 });
			await expect(elsewhere.getByRole('button', { name: w.chargeAgain }), `${w.chargeAgain} ${at}`).toBeInViewport({ ratio: 1 });
			await screenshot(page, `qa-offline-wrongshop-declined-outage-${lang}`);
			continue;
		}
		await expect(entries.first(), at).toBeHidden();
		await expect(list.getByRole('button', { name: w.show, expanded: false }), `Show ${at}`).toBeInViewport({ ratio: 1 });
		await screenshot(page, `qa-offline-wrongshop-declined-folded-outage-${lang}`);
		await list.getByRole('button', { name: w.show, expanded: false }).click();
		await expect(elsewhere.getByTestId('declined-reason')).toHaveText(w.reason);
		await expect(elsewhere.getByRole('button', { name: w.chargeAgain }), `${w.chargeAgain} ${at}`).toBeInViewport({ ratio: 1 });
		await screenshot(page, `qa-offline-wrongshop-declined-outage-${lang}`);
		await list.getByRole('button', { name: w.hide, expanded: true }).click();
		await expectCounterOnScreen(page, lang, `folded again ${at}`, { phone: false });
	}
	await ctx.setOffline(false);
	// Declined, nothing moved: the wallets are as they were.
	expect(await api.balance(server.url, customer)).toBe(50_000);
	expect(await api.balance(server.url, short[0]!)).toBe(2_000);
	await ctx.close();
});
