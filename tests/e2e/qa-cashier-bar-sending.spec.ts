/**
 * A manager's phone at the counter while its queue goes out: the bar says the queue is being sent without squeezing
 * the shop's name to one letter, and says nothing of sending when nothing is queued (the outbox also drains empty:
 * at start, on its timer, when the network returns).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

/** The shop's name is shown whole: no ellipsis. */
function nameIsWhole(page: Page): Promise<boolean> {
	return page.locator('header .merchant').evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0);
}

/** How much of the shop's name is on screen, in CSS pixels. */
function nameShown(page: Page): Promise<number> {
	return page.locator('header .merchant').evaluate((el) => el.clientWidth);
}

/** The vertical centre of an element, to the pixel. */
function middleOf(locator: Locator): Promise<number> {
	return locator.evaluate((el) => {
		const box = el.getBoundingClientRect();
		return Math.round((box.top + box.bottom) / 2);
	});
}

test("a phone's bar keeps room for the shop's name while the queue is sent, and says nothing of sending with an empty queue", async ({ browser, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const code = await api.payCode(server.url, bob);
	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const phone = await ctx.newPage();
	await openCounterSignedIn(phone, server.url, 'demo-cafe', 'owner', '9999');
	const pill = phone.getByTestId('network-state');
	await expect(pill).toContainText('Online');
	await expect(phone.locator('header .merchant')).toHaveText('Demo Café');

	// The network returning drains the outbox, empty here. Anything the pill shows meanwhile is recorded, however
	// brief, since a drain of an empty outbox is a few reads of IndexedDB.
	await pill.evaluate((el) => {
		const w = window as unknown as { pillTexts: string[] };
		w.pillTexts = [];
		new MutationObserver(() => w.pillTexts.push(el.textContent ?? '')).observe(el, { subtree: true, childList: true, characterData: true });
	});
	await ctx.setOffline(true);
	await expect(pill).toContainText('Offline');
	await ctx.setOffline(false);
	await expect(pill).toContainText('Online');
	await phone.waitForTimeout(500); // the drain's reads; nothing to wait for on screen, which is the point
	const seen = await phone.evaluate(() => (window as unknown as { pillTexts: string[] }).pillTexts);
	expect(seen.some((text) => text.includes('Offline'))).toBe(true);
	expect(seen.filter((text) => text.includes('Sending'))).toEqual([]);
	expect(await nameIsWhole(phone)).toBe(true);

	// A sale taken offline is queued; back online it goes out in a batch, held here so that the bar can be read.
	let releaseBatch = () => {};
	const batchHeld = new Promise<void>((resolve) => (releaseBatch = resolve));
	let batches = 0;
	await phone.route('**/api/payments/batch', async (route) => {
		batches++;
		await batchHeld;
		await route.continue();
	});
	await ctx.setOffline(true);
	await expect(pill).toContainText('Offline');
	await keyAmount(phone, '9');
	await scanWithHandheld(phone, code);
	const queued = phone.getByTestId('charge-queued');
	await expect(queued).toContainText('Queued — not yet paid');
	await queued.getByRole('button', { name: 'Next customer' }).click();
	await expect(phone.getByTestId('queued-count')).toHaveText('1 queued');
	await ctx.setOffline(false);
	await expect(pill).toContainText('Sending…');
	await expect.poll(() => batches).toBe(1);
	// Still one row with the shop (the bar does not grow under the cashier's thumb).
	expect(await middleOf(pill)).toBe(await middleOf(phone.locator('header .merchant')));
	// On a phone "Sending…" stands for "Online · 1 queued" (the count is in the banner under the bar): the name gives
	// way by a few letters, not down to its first ("Demo…", where "Online · 1 queued · Sending…" left "D…" or less).
	await expect(pill.locator('.label')).toBeHidden();
	await expect(pill.getByTestId('queued-count')).toBeHidden();
	await expect(phone.getByTestId('offline-banner')).toContainText('1 payment is queued');
	expect(await nameShown(phone)).toBeGreaterThanOrEqual(64);
	await screenshot(phone, 'qa-cashier-bar-sending');

	releaseBatch();
	await expect(phone.getByTestId('queue-sent')).toHaveText('✓ 1 queued sale sent and paid');
	await expect(pill).not.toContainText('Sending');
	expect(await nameShown(phone)).toBeGreaterThanOrEqual(64);
	await ctx.close();
});
