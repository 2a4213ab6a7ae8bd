/**
 * A new version deployed while a tablet is at the counter. The tablet hears of it on its next page load and asks
 * ("A new version of the app is ready"); nothing changes under the cashier until they tap Reload. A sale taken
 * offline meanwhile stays in the outbox across the update, the new version opens with no network (its worker
 * precached the app before taking over), and the sale is paid once when the network is back.
 *
 * The server serves a copy of the build, so the test can deploy "the next version" into it: a service worker
 * that differs by a byte is a new version to the browser.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { controlledByWorker, keyAmount, openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

const site = mkdtempSync(join(tmpdir(), 'pos-site-'));
test.use({ serverEnv: { STATIC_DIR: site } });
// "…applied from Today" failed on its first try in some full runs (never alone): a read of Today's landing as the new
// version took over left it waiting, and Reload did nothing (the cause, and its test, "…reading the server…" below).
// The first try's trace is kept when a test here fails, to show where. `trace` is a worker option, so this file gets a
// worker, and a browser, of its own.
test.use({ trace: 'retain-on-failure' });

test.beforeAll(() => {
	// global-setup.ts has built the front end by now; the file's server starts after this, on the copy.
	cpSync(join(import.meta.dirname, '../../build'), site, { recursive: true });
});
test.afterAll(() => rmSync(site, { recursive: true, force: true }));

test('a new version waits for the cashier, keeps the sale queued offline, and opens offline', async ({ browser, server }) => {
	const customer = await api.customerToken(server.url, 'alice', '1111');
	const code = await api.payCode(server.url, customer);
	const walletBefore = await api.balance(server.url, customer);

	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' });
	const tablet = await ctx.newPage();
	const cashierToken = await openCounterSignedIn(tablet, server.url);
	await controlledByWorker(tablet);
	const banner = tablet.getByRole('status').filter({ hasText: 'A new version of the app is ready.' });
	await expect(banner).toBeHidden();

	// The shop's server is updated. The tablet finds out on its next page load, and only asks.
	appendFileSync(join(site, 'sw.js'), '\n// the next version\n');
	await tablet.reload();
	await expect(banner).toBeVisible({ timeout: 15_000 });
	await expect(tablet.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	await expectClearOfTheCounter(tablet, banner);
	await screenshot(tablet, 'update-ready-tablet');

	// The network drops; the next sale is queued on the tablet, with the update still waiting.
	await ctx.setOffline(true);
	await keyAmount(tablet, '12');
	await scan(tablet, code);
	const queued = tablet.getByTestId('charge-queued');
	await expect(queued).toContainText('Queued — not yet paid');
	await queued.getByRole('button', { name: 'Next customer' }).click();
	await expect(tablet.getByTestId('queued-count')).toHaveText('1 queued');
	await expect(banner).toBeVisible();

	// Reload while the next amount is being keyed: the update waits for the counter to be free.
	await keyAmount(tablet, '5');
	await banner.getByRole('button', { name: 'Reload' }).click();
	await expect(banner).toContainText('Updating once the current payment is done…');
	await tablet.waitForTimeout(1_500);
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥5');

	// The amount cleared, the new version takes over, still offline, and the queued sale is there.
	await tablet.keyboard.press('Escape');
	await expect(tablet.getByRole('group', { name: 'Amount keypad' })).toBeVisible({ timeout: 15_000 });
	await expect(tablet.getByTestId('queued-count')).toHaveText('1 queued');
	await expect(banner).toBeHidden();
	const worker = await tablet.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return { controlled: !!navigator.serviceWorker.controller, waiting: !!reg?.waiting, installing: !!reg?.installing };
	});
	expect(worker).toEqual({ controlled: true, waiting: false, installing: false });

	// Back online, the sale is sent and paid once.
	await ctx.setOffline(false);
	await expect(tablet.getByRole('status').filter({ hasText: '1 queued sale sent and paid' })).toBeVisible({ timeout: 20_000 });
	await expect(tablet.getByTestId('queued-count')).toBeHidden();
	expect(await api.balance(server.url, customer)).toBe(walletBefore - 1200);
	const day = await api.dailyReport(server.url, cashierToken);
	expect(day.count).toBe(1);
	expect(day.settlement.amount).toBe(1200);

	// The same question on a phone-sized screen fits beside the keypad.
	await tablet.setViewportSize(PHONE);
	appendFileSync(join(site, 'sw.js'), '\n// and the one after\n');
	await tablet.reload();
	await expect(banner).toBeVisible({ timeout: 15_000 });
	await expectClearOfTheCounter(tablet, banner);
	await screenshot(tablet, 'update-ready-phone');
	await ctx.close();
});

test('a sale kept while the cashier looks at Today is still there after the update is applied from Today', async ({ browser, server }) => {
	const customer = await api.customerToken(server.url, 'bob', '2222');
	const walletBefore = await api.balance(server.url, customer);
	const { ctx, tablet, banner } = await counterWithUpdateWaiting(browser, server.url, 'a version applied from Today');

	// A sale being keyed: the customer's code taken, the amount typed; the cashier opens Today to look something up.
	const code = await api.payCode(server.url, customer);
	await scan(tablet, code);
	await tablet.keyboard.type('23.5');
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥23.5');
	await tablet.getByRole('link', { name: 'Today' }).click();
	const heading = tablet.getByRole('heading', { name: 'Today’s payments' });
	await expect(heading).toBeVisible();

	// Nothing holds the update on Today: it reloads into the new version there.
	await reloadIntoNewVersion(tablet, banner, heading);

	// Back at the counter, the sale is as it was, and Enter charges it.
	await tablet.getByRole('link', { name: 'Counter' }).click();
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥23.5');
	await expect(tablet.getByTestId('pending-code')).toContainText(code.slice(-4));
	await screenshot(tablet, 'update-from-today-sale-kept');
	await tablet.keyboard.press('Enter');
	await expect(tablet.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥23.50');
	expect(await api.balance(server.url, customer)).toBe(walletBefore - 2350);
	await ctx.close();
});

test('Reload while the page is reading the server still takes the new version', async ({ browser, server }) => {
	const { ctx, tablet, banner } = await counterWithUpdateWaiting(browser, server.url, 'a version applied while the page reads');
	await tablet.getByRole('link', { name: 'Today' }).click();
	const heading = tablet.getByRole('heading', { name: 'Today’s payments' });
	await expect(heading).toBeVisible();

	// A busy shop's Today reads the server again and again (each sale, its stream); here four reads at a time, one after
	// another, for as long as the page lasts. Before the API's requests bypassed the service worker, a read landing as
	// the new version took over left it waiting: Reload stayed pressed, and the reload that follows it never answered.
	await tablet.evaluate(() => {
		const end = Date.now() + 10_000;
		const read = (): void => {
			if (Date.now() < end) void fetch('/api/health').finally(read);
		};
		for (let i = 0; i < 4; i++) read();
	});
	await reloadIntoNewVersion(tablet, banner, heading);
	await ctx.close();
});

/**
 * A tablet signed in at the counter, its worker in control, then the next version deployed and found on a reload: the
 * question is on screen. Every action, navigation and wait gives up in 30 s rather than at the test's 90 s, naming its
 * step.
 */
async function counterWithUpdateWaiting(browser: Browser, url: string, version: string) {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: url, ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' });
	const tablet = await ctx.newPage();
	tablet.setDefaultTimeout(30_000);
	await openCounterSignedIn(tablet, url);
	await controlledByWorker(tablet);
	const banner = tablet.getByRole('status').filter({ hasText: 'A new version of the app is ready.' });
	appendFileSync(join(site, 'sw.js'), `\n// ${version}\n`);
	await tablet.reload();
	await expect(banner).toBeVisible({ timeout: 15_000 });
	return { ctx, tablet, banner };
}

/** Reload tapped: the page reloads into the new version, which controls it with none waiting, on the same screen. */
async function reloadIntoNewVersion(tablet: Page, banner: Locator, heading: Locator): Promise<void> {
	const reloaded = tablet.waitForEvent('load');
	await banner.getByRole('button', { name: 'Reload' }).click();
	await reloaded;
	await expect(heading).toBeVisible({ timeout: 15_000 });
	await expect(banner).toBeHidden();
	const worker = await tablet.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return { controlled: !!navigator.serviceWorker.controller, waiting: !!reg?.waiting };
	});
	expect(worker).toEqual({ controlled: true, waiting: false });
}

/**
 * The question covers no key, field or button of the counter (a floating bar hid the keypad's "00" and the
 * typed-code field), and on the tablet the whole keypad still fits the window with it.
 */
async function expectClearOfTheCounter(page: Page, banner: Locator): Promise<void> {
	const bar = (await banner.boundingBox())!;
	const controls = page.locator('main').locator('button:visible, input:visible');
	const count = await controls.count();
	expect(count).toBeGreaterThan(10);
	for (let i = 0; i < count; i++) {
		const box = (await controls.nth(i).boundingBox())!;
		const overlaps = box.y < bar.y + bar.height && bar.y < box.y + box.height && box.x < bar.x + bar.width && bar.x < box.x + box.width;
		expect(overlaps, `covers ${await controls.nth(i).evaluate((el) => el.outerHTML.slice(0, 80))}`).toBe(false);
	}
	const viewport = page.viewportSize()!;
	if (viewport.width >= 1024) {
		const lastKey = (await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '00' }).boundingBox())!;
		expect(lastKey.y + lastKey.height).toBeLessThanOrEqual(viewport.height);
	}
}
