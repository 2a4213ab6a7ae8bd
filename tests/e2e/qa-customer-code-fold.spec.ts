/**
 * The code screen held up to the till: QR, digits and the coupon the code applies are all on screen without
 * scrolling, on the narrowest phones in use (360×740, and 360×640 with the browser's bars) as on a common one
 * (390×844) and a tablet, in English and Chinese; and so is the warning that a fresh code could not be had.
 * From 740 px of height up, so is the line that says the result is coming ("Waiting for the cashier…"): under the
 * brightness hint it ended 31 px below the screen of a 390×844 phone in English. Put above the hint, it pushed the hint
 * itself below the fold (35 px at 390×844, 46 px at 360×740, in English): from 740 px up both lines are on screen now,
 * and the QR is no smaller for it (its full size, 80% of the width up to 20rem, from 740 px up, as before). At 360×640
 * the hint ended 4 px below the screen in English: the two small lines are set closer there, the QR's size unchanged.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCustomerSignedIn, preloadChinese, screenshot, switchLanguage } from './support/pages';

test.use({ isMobile: true, hasTouch: true });

type Lang = 'en' | 'zh';
const CASES: { width: number; height: number; lang: Lang }[] = [
	{ width: 360, height: 640, lang: 'en' },
	{ width: 360, height: 640, lang: 'zh' },
	{ width: 360, height: 740, lang: 'en' },
	{ width: 360, height: 740, lang: 'zh' },
	{ width: 390, height: 844, lang: 'en' },
	{ width: 390, height: 844, lang: 'zh' },
	{ width: 768, height: 1024, lang: 'en' }
];
/** The longest demo coupon title, the one most likely to wrap, as the code screen names it. */
const COUPON = { en: '¥10 off orders of ¥50 or more', zh: '满¥50减¥10' };
/** The line under the code that says the result will show there, once the live stream is up. */
const WAITING = { en: 'Waiting for the cashier — the result shows here.', zh: '等待收银员扫码，结果会显示在这里。' };
/** The line under it that asks for the screen's brightness, for the scanner. */
const BRIGHTNESS = { en: /brightness/, zh: /亮度/ };

/** How far below the bottom of the screen each part of the code screen ends (≤ 0: fully on screen). */
async function overflowBelowFold(page: Page): Promise<Record<string, number>> {
	return page.evaluate(() => {
		const bottom = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().bottom - window.innerHeight;
		return { qr: bottom('[data-testid="paycode"] .qr'), digits: bottom('[data-testid="paycode"] .digits'), coupon: bottom('.coupon-line') };
	});
}

/** The page is no taller than the screen: nothing to scroll to while the phone is held to the till. */
async function expectWholePageOnScreen(page: Page, at: string): Promise<void> {
	const { pageHeight, screenHeight } = await page.evaluate(() => ({ pageHeight: document.documentElement.scrollHeight, screenHeight: window.innerHeight }));
	expect(pageHeight, `the page's height at ${at}`).toBeLessThanOrEqual(screenHeight);
}

/** Sets the language and opens the wallet (at the size set before). */
async function openWallet(page: Page, base: string, lang: Lang): Promise<void> {
	await page.goto('/api/health');
	await page.evaluate((l) => localStorage.setItem('pos.lang', l), lang);
	await openCustomerSignedIn(page, base, 'alice', '1111');
}

/** From the wallet, at the size set before: the customer picks the coupon and shows the code. */
async function showCode(page: Page, lang: Lang): Promise<void> {
	await page.getByRole('radio', { name: new RegExp(`^${COUPON[lang]}`) }).check();
	// A customer scrolls a little way down the list to their coupon; the button stays under the thumb meanwhile.
	// (Scrolled far, the code screen's heading was off screen and focusing it scrolled back up; a little, it stayed.)
	await page.evaluate(() => window.scrollTo(0, 200));
	await page.getByRole('button', { name: lang === 'en' ? 'Show payment code' : '出示付款码' }).click();
	const ticket = page.getByTestId('paycode');
	await expect(ticket).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(ticket.locator('svg.qr[role="img"]')).toBeVisible();
	await expect(page.locator('.coupon-line')).toContainText(COUPON[lang]);
	// Its rule says its minimum already (it has none of its own): no second line says it again.
	await expect(page.getByTestId('code-coupon-minimum')).toHaveCount(0);
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

async function openCode(page: Page, base: string, size: { width: number; height: number }, lang: Lang): Promise<void> {
	await page.setViewportSize(size);
	await openWallet(page, base, lang);
	await showCode(page, lang);
}

// One wallet a language: at each size (the same page resized) the code screen is closed and shown again, so each size
// has the whole way to the code (from a scrolled list) and not only its layout.
for (const lang of ['en', 'zh'] as const) {
	const sizes = CASES.filter((c) => c.lang === lang).map(({ width, height }) => ({ width, height }));
	test(`at ${sizes.map((s) => `${s.width}×${s.height}`).join(', ')} (${lang}) the QR, the digits and the chosen coupon are on screen without scrolling`, async ({ page, server }) => {
		await page.setViewportSize(sizes[0]!);
		await openWallet(page, server.url, lang);
		for (const [i, size] of sizes.entries()) {
			await page.setViewportSize(size);
			if (i > 0) {
				await page.getByRole('button', { name: lang === 'en' ? 'Close' : '关闭' }).click();
				await expect(page.getByTestId('paycode')).toHaveCount(0);
			}
			await showCode(page, lang);
			const at = `${size.width}×${size.height}`;
			const below = await overflowBelowFold(page);
			expect(below.qr, at).toBeLessThanOrEqual(0);
			expect(below.digits, at).toBeLessThanOrEqual(0);
			expect(below.coupon, at).toBeLessThanOrEqual(0);
			const qr = (await page.getByTestId('paycode').locator('svg.qr').boundingBox())!;
			// The QR stays big enough for a counter scanner a hand's length away (over half the screen's width).
			expect(qr.width, at).toBeGreaterThanOrEqual(Math.min(size.width * 0.55, 240));
			// Where there is the room (from 740 px of height up), it keeps its full size: 80% of the width, at most 20rem.
			if (size.height >= 740) expect(qr.width, at).toBeGreaterThanOrEqual(Math.min(size.width * 0.8, 320) - 1);
			// The customer, phone held out to the cashier, sees that the result is coming, and is asked to turn the
			// brightness up for the scanner: at every size, 360×640 too (there the hint ended 2 px below the screen in
			// English).
			const waiting = page.getByText(WAITING[lang]);
			const brightness = page.getByText(BRIGHTNESS[lang]);
			for (const [name, line] of [['waiting', waiting], ['brightness', brightness]] as const) {
				await expect(line).toBeVisible();
				const below = await line.evaluate((el) => el.getBoundingClientRect().bottom - window.innerHeight);
				expect(below, `the ${name} line, below the screen's edge at ${at}`).toBeLessThanOrEqual(0);
			}
			// What the cashier sees of the phone: the screen without scrolling, and the whole page.
			await page.screenshot({ path: `test-results/screenshots/qa-customer-code-fold-${size.width}x${size.height}-${lang}-screen.png` });
			await screenshot(page, `qa-customer-code-fold-${size.width}x${size.height}-${lang}`);
			if (size.height <= 640) {
				// Nothing under the fold at all: the page was 682 px tall in English, the coupon's name on two lines and the
				// hint partly under the screen's edge. The name keeps to one line, whole to a screen reader and in its title.
				await expectWholePageOnScreen(page, at);
				const name = page.locator('.coupon-line .name');
				expect(await name.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))), at).toBe(1);
				await expect(page.locator('.coupon-line .value')).toHaveAttribute('title', COUPON[lang]);
				// With no coupon picked and three that could pay, the line that says so fits as well.
				await page.getByRole('button', { name: lang === 'en' ? 'Close' : '关闭' }).click();
				await page.getByRole('radio', { name: lang === 'en' ? 'No coupon' : '不使用优惠券' }).check();
				await page.getByRole('button', { name: lang === 'en' ? 'Show payment code' : '出示付款码' }).click();
				await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
				await expect(page.getByTestId('code-coupon-unpicked')).toBeVisible();
				await expectWholePageOnScreen(page, `${at}, no coupon`);
				await page.screenshot({ path: `test-results/screenshots/qa-customer-code-fold-${size.width}x${size.height}-${lang}-unpicked-screen.png` });
			}
		}
	});
}

test.describe('a fresh code cannot be had', () => {
	// A short code lifetime: the phone asks for the next code at 10 s of 20, and that request fails.
	test.use({ serverEnv: { PAYCODE_TTL_MS: '20000' } });

	// The request fails once (a 10 s wait); the warning is then checked in English and, switched in place, in Chinese.
	test('at 360×640 (en and zh) the warning shows on screen with the QR, the digits and the coupon', async ({ page, server }) => {
		let codes = 0;
		await page.route('**/api/paycodes', (route) => {
			if (route.request().method() === 'POST' && codes++ >= 1) return route.abort('internetdisconnected');
			return route.continue();
		});
		await openCode(page, server.url, { width: 360, height: 640 }, 'en');
		// The Chinese words are fetched at the first switch: before the next code's request, so it alone fails.
		await preloadChinese(page);
		for (const lang of ['en', 'zh'] as const) {
			if (lang === 'zh') await switchLanguage(page);
			const warning = page.getByText(lang === 'en' ? /Couldn’t get a fresh code/ : /暂时无法刷新付款码/);
			await expect(warning).toBeVisible({ timeout: 15_000 });
			await expect(page.getByTestId('paycode')).toBeVisible();
			await expect(page.locator('.coupon-line')).toContainText(COUPON[lang]);
			const below = await overflowBelowFold(page);
			expect(below.qr, lang).toBeLessThanOrEqual(0);
			expect(below.digits, lang).toBeLessThanOrEqual(0);
			expect(below.coupon, lang).toBeLessThanOrEqual(0);
			const warningBottom = await warning.evaluate((el) => el.getBoundingClientRect().bottom - window.innerHeight);
			expect(warningBottom, lang).toBeLessThanOrEqual(0);
			await page.screenshot({ path: `test-results/screenshots/qa-customer-code-fold-trouble-360x640-${lang}-screen.png` });
		}
	});
});
