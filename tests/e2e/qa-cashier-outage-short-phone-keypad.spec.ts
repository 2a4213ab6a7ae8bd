/**
 * A cashier whose till is a 360x640 phone (the usual Android size), in an outage. The whole offline banner (the outage
 * explained, the queue, the last contact with the server and the storage warning) stood some 220 px tall over the
 * counter: the keypad's bottom row (". 0 00") was at y 765-839, below the screen's edge, and every sale taken offline
 * meant scrolling to key its amount. On so short a phone the banner keeps "Offline" and one line of what it means,
 * with the rest behind Details (a button that says whether it is open), and the keys are 58 px: the amount and the
 * whole keypad are on screen. A taller phone (390x844) and a tablet show the whole banner and the keys as before.
 *
 * Under the keypad, "Scan with camera" was then below the screen's edge (y 686-774 in an outage, 618-706 online), and
 * the scanner's line and the code's field further down: each sale taken by camera meant scrolling after keying its
 * amount. On so short a phone the quick amounts stand beside the keys, and the camera and "Type the code" (which
 * unfolds the field) share a row with the scanner's line under it: all three ways to take the code are on screen
 * with the amount and the keys, online and offline. A code taken before the amount leaves "Code received" on one
 * line and Charge under it, on screen as the amount is keyed (it was at y 615-687 in an outage).
 */
import type { Browser, Page } from '@playwright/test';
import * as api from './support/api';
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { queueSaleInOutage } from './support/outage';
import { expectAccessible, openCounterSignedIn, preloadChinese, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

const WORDS = {
	en: {
		keypad: 'Amount keypad',
		point: 'Decimal point',
		clear: 'Clear',
		details: 'Details',
		camera: 'Scan with camera',
		scanner: 'Handheld scanner ready: just scan.',
		type: 'Type the code',
		typeLabel: 'Or type the code',
		useCode: 'Use code',
		charge: 'Charge ¥5.00',
		short: 'Sales are queued, not paid until sent.',
		more: ['not paid until then', '1 payment is queued', 'Last contact with the server', 'Install the app']
	},
	zh: {
		keypad: '金额键盘',
		point: '小数点',
		clear: '清除',
		details: '详情',
		camera: '摄像头扫码',
		scanner: '扫码枪已就绪：直接扫码即可。',
		type: '输入付款码',
		typeLabel: '或手动输入付款码',
		useCode: '使用此码',
		charge: '收款 ¥5.00',
		short: '收款先排队，发送后才算付款。',
		more: ['都还没有付款', '1 笔付款在排队', '最后一次连上服务器', '请安装本应用']
	}
};

/** The counter in an outage, a sale already queued (after one paid online, so the banner has its last contact), and
 * the next sale's ¥5 keyed, seen from the top of the page; in English, with the Chinese words fetched before the
 * network goes when `chineseToo` (so that the screen can be switched in place, offline). */
async function counterInOutage(browser: Browser, serverUrl: string, viewport: { width: number; height: number }, chineseToo = false): Promise<Page> {
	const ctx = await browser.newContext({ viewport, baseURL: serverUrl, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, serverUrl);
	if (chineseToo) await preloadChinese(page);
	await queueSaleInOutage(page, ctx, serverUrl);
	await page.keyboard.press('5');
	await expect(page.getByTestId('amount-display')).toHaveText('¥5');
	await page.evaluate(() => window.scrollTo(0, 0));
	return page;
}

/** The amount and every key fully on screen, with no scrolling; returns a digit key's height. */
async function expectCounterOnScreen(page: Page, lang: 'en' | 'zh'): Promise<number> {
	const w = WORDS[lang];
	const size = page.viewportSize()!;
	await expect(page.getByTestId('amount-display'), `amount at ${size.width}x${size.height}`).toBeInViewport({ ratio: 1 });
	const pad = page.getByRole('group', { name: w.keypad });
	for (const name of ['1', '3', '7', '9', w.point, '0', '00', w.clear]) {
		await expect(pad.getByRole('button', { name, exact: true }), `key ${name} at ${size.width}x${size.height}`).toBeInViewport({ ratio: 1 });
	}
	const keyHeight = (await pad.getByRole('button', { name: '7', exact: true }).boundingBox())!.height;
	expect(keyHeight, 'a key a finger hits').toBeGreaterThanOrEqual(44);
	return keyHeight;
}

/**
 * The three ways to take the customer's code fully on screen with the amount and the keys (a short phone): the
 * camera's button, the scanner's line, and the button that unfolds the code's field.
 */
async function expectWaysToTheCodeOnScreen(page: Page, lang: 'en' | 'zh'): Promise<void> {
	const w = WORDS[lang];
	const size = page.viewportSize()!;
	const at = `at ${size.width}x${size.height} (${lang})`;
	await expect(page.getByRole('button', { name: w.camera }), `the camera's button ${at}`).toBeInViewport({ ratio: 1 });
	await expect(page.getByText(w.scanner, { exact: true }), `the scanner's line ${at}`).toBeInViewport({ ratio: 1 });
	await expect(page.getByRole('button', { name: w.type, expanded: false }), `"${w.type}" ${at}`).toBeInViewport({ ratio: 1 });
}

// One outage for both languages: checked in English, then switched in place to Chinese (offline) and checked again.
test(`on a 360x640 phone in an outage the amount and the whole keypad are on screen, the outage told in a line and Details (en, zh)`, async ({ browser, server }) => {
	const page = await counterInOutage(browser, server.url, { width: 360, height: 640 }, true);
	const banner = page.getByTestId('offline-banner');
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		if (lang === 'zh') {
			await switchLanguage(page);
			await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
			await page.evaluate(() => window.scrollTo(0, 0));
		}
		await screenshot(page, `qa-outage-short-phone-keypad-${lang}`);
		expect(await expectCounterOnScreen(page, lang), 'keys shorter than a taller phone’s 74 px, not tiny').toBeGreaterThanOrEqual(56);
		await expectWaysToTheCodeOnScreen(page, lang);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing scrolls sideways').toBeLessThanOrEqual(360);

		// What the outage means, in one line; the rest is folded, and Details says so to a screen reader.
		await expect(banner).toBeInViewport({ ratio: 1 });
		await expect(banner.getByText(lang === 'en' ? 'Offline' : '离线', { exact: true })).toBeVisible();
		await expect(banner.getByText(w.short)).toBeVisible();
		for (const words of w.more) await expect(banner.getByText(words)).toBeHidden();
		const details = banner.getByRole('button', { name: w.details, expanded: false });
		await expect(details).toBeVisible();

		// From the keyboard: Tab reaches Details, and Enter opens it (it does not charge or key the amount).
		for (let i = 0; i < 40 && !(await details.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
		await expect(details).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(banner.getByRole('button', { name: w.details, expanded: true })).toBeFocused();
		for (const words of w.more) await expect(banner.getByText(words)).toBeVisible();
		await expect(banner.getByText(w.short)).toBeHidden();
		await expect(page.getByTestId('amount-display')).toHaveText('¥5');
		await screenshot(page, `qa-outage-short-phone-keypad-${lang}-details`);
		await expectAccessible(page, `the short phone's banner opened (${lang})`);
		// And closes it again: the keypad is whole again.
		await page.keyboard.press('Enter');
		await expect(banner.getByRole('button', { name: w.details, expanded: false })).toBeVisible();
		await expect(banner.getByText(w.more[0])).toBeHidden();
		await expectCounterOnScreen(page, lang);
		await expectWaysToTheCodeOnScreen(page, lang);
	}
	await page.context().close();
});

// Online, the same phone: the amount, the keys and the three ways to the code on screen in both languages; then the
// code typed, as a cashier does for a customer whose phone's screen is cracked: "Type the code" unfolds the field with
// the cursor in it, and the code taken charges the amount keyed.
test('on a 360x640 phone online the amount, the keys, the camera, the scanner and typing the code are all on screen (en, zh), and the code typed charges', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await page.keyboard.press('5');
	await expect(page.getByTestId('amount-display')).toHaveText('¥5');
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') {
			await switchLanguage(page);
			await expect(page.getByRole('group', { name: WORDS.zh.keypad })).toBeVisible();
		}
		await page.evaluate(() => window.scrollTo(0, 0));
		await screenshot(page, `qa-short-phone-counter-online-${lang}`);
		expect(await expectCounterOnScreen(page, lang), 'keys a finger hits').toBeGreaterThanOrEqual(56);
		await expectWaysToTheCodeOnScreen(page, lang);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing scrolls sideways').toBeLessThanOrEqual(360);
	}

	const w = WORDS.zh;
	const field = page.getByRole('textbox', { name: w.typeLabel });
	await expect(field).toBeHidden();
	await page.getByRole('button', { name: w.type, expanded: false }).click();
	await expect(page.getByRole('button', { name: w.type, expanded: true })).toBeVisible();
	await expect(field).toBeFocused();
	await expect(field).toBeInViewport({ ratio: 1 });
	await screenshot(page, 'qa-short-phone-counter-typing-zh');
	const customer = await newCustomer(server.url, uniqueHandle('typed'), 50_000);
	await field.fill(await api.payCode(server.url, customer));
	await page.getByRole('button', { name: w.useCode }).click();
	await expect(page.getByTestId('charge-result')).toBeVisible();
	await expect(page.getByTestId('charge-result')).toContainText('¥5.00');
	await ctx.close();
});

// The customer's code before the amount, in an outage: the next sale's Charge is on screen with the keys.
test('on a 360x640 phone in an outage, a code taken before the amount: Charge is on screen as the amount is keyed (en, zh)', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await preloadChinese(page);
	await queueSaleInOutage(page, ctx, server.url);
	await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	const customer = await newCustomer(server.url, uniqueHandle('code-first'), 50_000);
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await page.keyboard.press('5');
	for (const lang of ['en', 'zh'] as const) {
		const w = WORDS[lang];
		if (lang === 'zh') {
			await switchLanguage(page);
			await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
		}
		await page.evaluate(() => window.scrollTo(0, 0));
		await screenshot(page, `qa-short-phone-code-first-${lang}`);
		await expectCounterOnScreen(page, lang);
		await expect(page.getByTestId('pending-code'), `the code taken (${lang})`).toBeInViewport({ ratio: 1 });
		await expect(page.getByRole('button', { name: w.charge }), `Charge (${lang})`).toBeInViewport({ ratio: 1 });
	}
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await ctx.close();
});

const ROOMY = [
	{ width: 390, height: 844 },
	{ width: 1024, height: 768 }
];

// One outage, seen on the taller phone and then on the tablet the same till is turned into (the banner and the keys
// are laid out again at each size).
test(`on a ${ROOMY.map((v) => `${v.width}x${v.height}`).join(' and a ')} screen in an outage the whole banner shows, no Details, and the keys keep their size`, async ({ browser, server }) => {
	const page = await counterInOutage(browser, server.url, ROOMY[0]);
	const banner = page.getByTestId('offline-banner');
	for (const viewport of ROOMY) {
		await page.setViewportSize(viewport);
		await page.evaluate(() => window.scrollTo(0, 0));
		await screenshot(page, `qa-outage-short-phone-keypad-${viewport.width}`);
		for (const words of WORDS.en.more) await expect(banner.getByText(words), `${viewport.width}px`).toBeVisible();
		await expect(banner.getByText(WORDS.en.short), `${viewport.width}px`).toBeHidden();
		await expect(banner.getByRole('button', { name: 'Details' }), `${viewport.width}px`).toBeHidden();
		const keyHeight = await expectCounterOnScreen(page, 'en');
		// As before the short phone's keys: a phone's keypad in 20rem (74 px keys); a tablet's as the screen leaves it.
		if (viewport.width === 390) expect(Math.round(keyHeight)).toBe(74);
	}
	await page.context().close();
});
