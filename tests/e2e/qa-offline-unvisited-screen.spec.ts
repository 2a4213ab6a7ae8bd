/**
 * Over plain http there is no service worker, so a screen whose code was never loaded cannot open offline. A
 * customer (or cashier) who went offline and tapped through to such a screen met SvelteKit's bare "500". The app's
 * error page now says what happened and what to do, in the reader's language, and opens the screen once the
 * network is back; an address that is no page of the app says so, with a way back to the side the reader was on.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, openCounterSignedIn, openCustomerSignedIn, screenshot } from './support/pages';

// The page fixture's context already blocks service workers (playwright.config.ts): nothing is precached.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });

const OFFLINE_EN = 'You’re offline and this screen hasn’t been saved on this device yet. It will open once you’re back online.';
const OFFLINE_ZH = '当前已离线，此页面尚未保存在这台设备上。恢复联网后即可打开。';

async function chooseChinese(page: Page): Promise<void> {
	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
}

test('offline, the wallet history (never opened on this phone) says so instead of "500", and opens once back online', async ({ page, context, server }) => {
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Wallet history' }).click();

	await expect(page.getByRole('heading', { name: 'Not available offline' })).toBeVisible();
	await expect(page.getByText(OFFLINE_EN)).toBeVisible();
	await expect(page.getByText('500')).toHaveCount(0);
	await screenshot(page, 'qa-offline-unvisited-customer-360');
	await expectAccessible(page, 'the offline error page');
	await page.setViewportSize({ width: 768, height: 1024 });
	await screenshot(page, 'qa-offline-unvisited-customer-768');
	await page.setViewportSize({ width: 360, height: 740 });

	// Back to the coupons, which this phone has: they open offline.
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(page.getByTestId('balance')).toBeVisible();

	// Again, and this time the network comes back: the history opens by itself.
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByText(OFFLINE_EN)).toBeVisible();
	await context.setOffline(false);
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
	await expect(page.getByText(OFFLINE_EN)).toHaveCount(0);
});

test('the network back while a "Try again" sent offline is still on its way: once that try fails, the screen opens', async ({ page, context, server }) => {
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByText(OFFLINE_EN)).toBeVisible();

	// The tap's request for the screen's code, sent offline, takes a moment to fail; meanwhile the network returns.
	let fail!: () => void;
	const failing = new Promise<void>((resolve) => (fail = resolve));
	let held = 0;
	await page.route('**/_app/immutable/**', async (route) => {
		if (held++ > 0) return route.continue();
		await failing;
		await route.abort('internetdisconnected');
	});
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect.poll(() => held).toBeGreaterThan(0);
	await context.setOffline(false);
	fail();

	// Before, the network's return was ignored while the tap's try ran, and the page stayed until tapped again.
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
	await expect(page.getByText(OFFLINE_EN)).toHaveCount(0);
});

test('in Chinese the page is in Chinese; "Try again" while still offline keeps it, and the network back opens the screen', async ({ page, context, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	await chooseChinese(page);
	await page.reload();
	await expect(page.getByTestId('balance')).toBeVisible();
	await context.setOffline(true);
	await page.getByRole('link', { name: '钱包明细' }).click();
	await expect(page.getByText(OFFLINE_ZH)).toBeVisible();
	await screenshot(page, 'qa-offline-unvisited-customer-zh-360');
	await page.setViewportSize({ width: 768, height: 1024 });
	await screenshot(page, 'qa-offline-unvisited-customer-zh-768');
	await page.setViewportSize({ width: 360, height: 740 });

	// Still offline: trying again keeps this page (never the browser's own "no internet" page).
	await page.getByRole('button', { name: '重试' }).click();
	await expect(page.getByText(OFFLINE_ZH)).toBeVisible();
	await expect(page.getByRole('button', { name: '重试' })).toBeEnabled();

	// Online again: the screen opens, in Chinese.
	await context.setOffline(false);
	await expect(page.getByRole('heading', { name: '钱包明细' })).toBeVisible();
});

test('a cashier offline on the counter, opening Today (never opened on this tablet), is told the same', async ({ page, context, server }) => {
	await page.setViewportSize({ width: 768, height: 1024 });
	await openCounterSignedIn(page, server.url);
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByText(OFFLINE_EN)).toBeVisible();
	await screenshot(page, 'qa-offline-unvisited-cashier-768');
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
});

test('an address that is no page of the app says so, with a way back to the side the reader was on', async ({ page }) => {
	// And throws nothing: opened at its address, the page read the url of a screen it had not come from (owner review).
	const thrown: string[] = [];
	page.on('pageerror', (error) => thrown.push(error.message));
	await page.goto('/customer/no-such-screen');
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await expect(page.getByText('404')).toHaveCount(0);
	await screenshot(page, 'qa-not-found-customer-360');
	await page.getByRole('link', { name: 'Back to your wallet' }).click();
	await expect(page).toHaveURL(/\/customer$/);
	await expect(page.getByLabel('Your handle')).toBeVisible();

	await page.goto('/cashier/no-such-screen');
	await page.getByRole('link', { name: 'Back to the counter' }).click();
	await expect(page).toHaveURL(/\/cashier$/);

	await chooseChinese(page);
	await page.goto('/nowhere');
	await expect(page.getByRole('heading', { name: '找不到此页面' })).toBeVisible();
	await screenshot(page, 'qa-not-found-zh-360');
	await page.setViewportSize({ width: 768, height: 1024 });
	await screenshot(page, 'qa-not-found-zh-768');
	await page.getByRole('link', { name: '返回首页' }).click();
	await expect(page).toHaveURL(/\/$/);
	expect(thrown).toEqual([]);
});

test('when even the error page cannot load, the last-resort page says what to do in both languages, without a status', async ({ page }) => {
	// Every screen's code but the root layout's fails to arrive, the error page's too: SvelteKit falls back to src/error.html.
	const screens = /\/_app\/immutable\/nodes\/(?!0\.)/;
	await page.route(screens, (route) => route.abort('internetdisconnected'));
	await page.goto('/customer');
	await expect(page.getByRole('heading', { name: 'This screen couldn’t open' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '此页面无法打开' })).toBeVisible();
	await expect(page.getByText('500')).toHaveCount(0);
	await screenshot(page, 'qa-error-last-resort-360');
	await page.unroute(screens);
	await page.getByRole('link', { name: 'Load again · 重新加载' }).click();
	await expect(page.getByLabel('Your handle')).toBeVisible();
});
