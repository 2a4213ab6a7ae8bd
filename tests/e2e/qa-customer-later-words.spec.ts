/**
 * The words of the customer's later screens (the sign-up, the top-up and PIN dialogs, the coupons given to friends, the
 * history, the claim pages, the chooser at "/") are not in the wallet's first load (en-later.ts): they come with the
 * first of those screens. None of them may show a key, even for a moment, from a cold start, in English or in Chinese:
 * every text the page ever draws is watched from before it loads.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

/** The later words' prefixes: a text drawn with one of them followed by a key's letters is a key shown as words. */
const KEY_SHOWN = String.raw`\b(signup|topup|pin|history|claim|landing|share)\.[A-Za-z]`;

/**
 * Records, from before each page's first script, every text drawn that reads like a later key: kept in the tab's
 * sessionStorage, so that what a page showed is still known after the next navigation.
 */
async function watchForKeys(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript((pattern) => {
		const re = new RegExp(pattern);
		const look = (text: string | null) => {
			if (!text || !re.test(text)) return;
			const seen = JSON.parse(sessionStorage.getItem('test.keysShown') ?? '[]') as string[];
			sessionStorage.setItem('test.keysShown', JSON.stringify([...seen, text]));
		};
		new MutationObserver((records) => {
			for (const r of records) {
				if (r.type === 'characterData') look(r.target.textContent);
				// Text by text: an element's textContent runs its texts together ("Wallet historyhistory.empty").
				for (const n of r.addedNodes) {
					if (n.nodeType === Node.TEXT_NODE) look(n.textContent);
					const texts = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
					while (texts.nextNode()) look(texts.currentNode.textContent);
				}
			}
		}).observe(document, { subtree: true, childList: true, characterData: true });
	}, KEY_SHOWN);
	return () => page.evaluate(() => JSON.parse(sessionStorage.getItem('test.keysShown') ?? '[]') as string[]);
}

for (const width of [360, 390]) {
	for (const lang of ['en', 'zh'] as const) {
		test.describe(`at ${width} px in ${lang}`, () => {
			test.use({ viewport: { width, height: width === 360 ? 740 : 844 }, isMobile: true, hasTouch: true });

			test('the wallet and its later screens show words, never a key', async ({ page, server }) => {
				const keysShown = await watchForKeys(page);
				// Bob has given a coupon to a friend: the home screen lists it (GivenCoupons, fetched after the first load). The
				// server is this file's: the first test gives it, the others find it given.
				const bob = await api.customerToken(server.url, 'bob', '2222');
				const five = (await api.coupons(server.url, bob)).find((c) => c.state === 'available' && c.rule.kind === 'fixed');
				if (five) {
					const shareToken = await api.shareCoupon(server.url, bob, five.id);
					expect(await api.claimShare(server.url, await newCustomer(server.url, uniqueHandle('friend'), 0), shareToken)).toBe(201);
				}
				if (lang === 'zh') await page.addInitScript(() => localStorage.setItem('pos.lang', 'zh'));

				await openCustomerSignedIn(page, server.url, 'bob', '2222');
				await expect(page.getByTestId('given-coupons')).toBeVisible();
				await screenshot(page, `qa-customer-later-words-home-${width}-${lang}`);

				await page.getByRole('button', { name: lang === 'en' ? 'Add money' : '充值' }).first().click();
				const dialog = page.getByRole('dialog');
				await expect(dialog).toBeVisible();
				await screenshot(page, `qa-customer-later-words-topup-${width}-${lang}`);
				await page.keyboard.press('Escape');
				await expect(dialog).toBeHidden();

				await page.getByRole('button', { name: lang === 'en' ? 'Change PIN' : '修改 PIN 码' }).click();
				await expect(dialog).toBeVisible();
				await screenshot(page, `qa-customer-later-words-pin-${width}-${lang}`);
				await page.keyboard.press('Escape');

				await page.getByRole('link', { name: lang === 'en' ? 'Wallet history' : '钱包明细' }).click();
				// Bob's history is his opening top-up (history.topUp).
				await expect(page.locator('main')).toContainText(lang === 'en' ? 'Money added' : '充值');
				await screenshot(page, `qa-customer-later-words-history-${width}-${lang}`);

				// A friend's link opened cold, one that leads nowhere (cut off when copied), then the chooser at "/".
				await page.goto('/claim/s/not-a-share-token');
				await expect(page.locator('main')).toContainText(lang === 'en' ? 'This link is not valid' : '链接');
				await screenshot(page, `qa-customer-later-words-claim-${width}-${lang}`);
				await page.goto('/');
				await expect(page.locator('main h1')).toBeVisible();

				expect(await keysShown()).toEqual([]);
			});
		});
	}
}

test.describe('signed out at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

	test('the sign-up shows words, never a key, in both languages', async ({ page }) => {
		const keysShown = await watchForKeys(page);
		await page.goto('/customer');
		await page.getByRole('button', { name: 'New here? Create a wallet' }).click();
		await expect(page.getByRole('heading', { name: 'Create your wallet' })).toBeVisible();
		await switchLanguage(page);
		await expect(page.getByRole('heading', { name: '创建钱包' })).toBeVisible();
		await screenshot(page, 'qa-customer-later-words-signup-360-zh');
		expect(await keysShown()).toEqual([]);
	});
});
