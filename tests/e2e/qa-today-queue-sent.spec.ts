/**
 * Back online after an outage, the queued sales go out and the cashier is told how they ended. "2 sent, 1 declined"
 * ("2 笔已发送，1 笔被拒") read like three sales, and went after about six seconds, before a cashier serving someone
 * looked up. It now counts the queued sales once, then how many of them were paid and declined; it stays until OK or
 * the next sale; and it leads to the declined one's list. Meanwhile the network pill no longer pushes the shop's name
 * out of an upright tablet's bar, nor the cashier's name out of a landscape one's. On the counter, whose list of the
 * declined sales is right under it, the news says only the paid one (qa-counter-crowded-outage.spec.ts); elsewhere
 * all of it.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';
import { atEverySizeAndLanguage, showLanguage } from './support/variants';

/** Keys an amount on the counter's keypad, in either language. */
async function keyAnyLanguage(page: Page, amount: string): Promise<void> {
	const pad = page.getByRole('group', { name: /Amount keypad|金额键盘/ });
	for (const ch of amount) await pad.getByRole('button', { name: ch, exact: true }).click();
}

const PORTRAIT = { width: 820, height: 1180 };

const WORDS = {
	en: {
		notice: '2 queued sales sent: 1 paid, 1 declined',
		see: 'See the declined sale',
		ok: 'OK',
		today: 'Today',
		paidNotice: '✓ 1 queued sale sent and paid'
	},
	zh: {
		notice: '已发送 2 笔排队的收款：1 笔已付款，1 笔被拒',
		see: '查看被拒的收款',
		ok: '知道了',
		today: '今日',
		paidNotice: '✓ 已发送 1 笔排队的收款，已付款'
	}
};

/** A sale queued while offline, its "Queued" outcome left for the next customer. */
async function queueSale(page: Page, amount: string, code: string): Promise<void> {
	await keyAnyLanguage(page, amount);
	await scanWithHandheld(page, code);
	const queued = page.getByTestId('charge-queued');
	await expect(queued).toBeVisible();
	await queued.getByRole('button', { name: /Next customer|下一位顾客/ }).click();
	await expect(queued).toBeHidden();
}

/** The shop's and the cashier's names are on screen whole (not cut to an ellipsis, not hidden). */
async function expectNamesWhole(page: Page, handle: string): Promise<void> {
	const merchant = page.locator('header .merchant');
	const who = page.locator('header .handle');
	await expect(merchant).toBeVisible();
	await expect(merchant).toHaveText('Demo Café');
	await expect(who).toBeVisible();
	await expect(who).toHaveText(handle);
	for (const name of [merchant, who]) {
		const cut = await name.evaluate((el) => el.scrollWidth > el.clientWidth);
		expect(cut, `${await name.textContent()} is cut`).toBe(false);
	}
}

for (const [viewport, first, second] of [
	[TABLET, 'en', 'zh'],
	[PORTRAIT, 'zh', 'en']
] as const) {
	// Both languages in one outage, switched in place in the bar: the words are all that differs between them. Each
	// size its own outage: where the declined list's link lands depends on the layout it is followed in, and each size
	// follows it in one language, the other size in the other.
	test(`the queue's news counts each sale once, stays until read and leads to the declined one (${viewport.width}×${viewport.height}, ${first} then ${second})`, async ({ browser, server }) => {
		const paid = await newCustomer(server.url, uniqueHandle('paid'), 50_000);
		const short = await newCustomer(server.url, uniqueHandle('short'), 100);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		// The tablet's clock, running as it does, so eight seconds can pass on it below without waiting for them.
		await page.clock.install();
		// The owner: four links in the bar, the most crowded of the landscape bars.
		await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
		// Both languages' words fetched while online, so the bar can switch between them in the outage.
		await showLanguage(page, second);
		await showLanguage(page, first);
		await ctx.setOffline(true);
		await queueSale(page, '3', await api.payCode(server.url, paid));
		await queueSale(page, '8', await api.payCode(server.url, short));
		await expect(page.getByTestId('queued-count')).toBeVisible();
		// Offline with sales queued, the bar still says whose counter this is and who is at it.
		await atEverySizeAndLanguage(page, [viewport], [first, second], async (size, lang) => {
			await expectNamesWhole(page, 'owner');
			await screenshot(page, `qa-today-queued-bar-${size.width}x${size.height}-${lang}`);
		});

		await ctx.setOffline(false);
		// On the counter, the paid one; the declined one is in the list right under it.
		const notice = page.getByTestId('queue-sent');
		await expect(notice).toHaveText(WORDS[second].paidNotice);
		await atEverySizeAndLanguage(page, [viewport], [second, first], async (size, lang) => {
			await expect(notice).toHaveText(WORDS[lang].paidNotice);
			await expect(page.getByTestId('declined-entry')).toHaveCount(1);
			await expectNamesWhole(page, 'owner');
			await screenshot(page, `qa-today-queue-sent-${size.width}x${size.height}-${lang}`);
		});
		// Still there well after the six seconds it once had: a decline is news the cashier must get to read. Eight
		// seconds on the tablet's clock, every timer due in them run.
		await page.clock.fastForward(8_000);
		await expect(notice).toHaveText(WORDS[first].paidNotice);

		// On Today, all of it, and it leads to the list where the declined sale waits, and goes once followed.
		await page.getByRole('link', { name: WORDS[first].today, exact: true }).click();
		await atEverySizeAndLanguage(page, [viewport], [first, second], async (size, lang) => {
			await expect(notice).toHaveText(WORDS[lang].notice);
			await expectNamesWhole(page, 'owner');
			await screenshot(page, `qa-today-queue-sent-today-${size.width}x${size.height}-${lang}`);
		});
		await page.getByRole('link', { name: WORDS[second].see }).click();
		await expect(page).toHaveURL(/\/cashier#declined-after-sync$/);
		await expect(page.getByTestId('declined-after-sync')).toBeInViewport();
		await expect(notice).toBeHidden();
		await ctx.close();
	});
}

/** A sale queued offline and sent back online, all paid: the counter with the queue's news showing. */
async function oneQueuedSalePaid(browser: Browser, server: { url: string }) {
	const paid = await newCustomer(server.url, uniqueHandle('paid'), 50_000);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	// The tablet's clock, running as it does, so the tests can let seconds pass on it without waiting for them.
	await page.clock.install();
	await openCounterSignedIn(page, server.url);
	await ctx.setOffline(true);
	await queueSale(page, '5', await api.payCode(server.url, paid));
	await ctx.setOffline(false);
	const notice = page.getByTestId('queue-sent');
	await expect(notice).toHaveText(WORDS.en.paidNotice);
	return { ctx, page, notice, paid };
}

test('all paid: the news stays past six seconds, and goes on OK', async ({ browser, server }) => {
	const { ctx, page, notice } = await oneQueuedSalePaid(browser, server);
	// Eight seconds on the tablet's clock, every timer due in them run: past the six the news once had.
	await page.clock.fastForward(8_000);
	await expect(notice).toHaveText(WORDS.en.paidNotice);
	await page.getByTestId('queue-sent-notice').getByRole('button', { name: WORDS.en.ok }).click();
	await expect(notice).toBeHidden();
	await ctx.close();
});

test('the next sale takes the news of the queue away', async ({ browser, server }) => {
	const { ctx, page, notice, paid } = await oneQueuedSalePaid(browser, server);
	await keyAmount(page, '6');
	await scanWithHandheld(page, await api.payCode(server.url, paid));
	await expect(page.getByTestId('charge-result')).toContainText('¥6.00');
	await expect(notice).toBeHidden();
	await ctx.close();
});
