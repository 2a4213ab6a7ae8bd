/**
 * Today with sales taken offline still on the tablet. They used to be missing from Today until they had gone out: a
 * cashier asked "did the last customer pay?" found nothing there. Now each shows among the day's payments, in time
 * order, marked as waiting to be sent, with its amount and time and nothing to refund; the day's total leaves them out
 * and says so. Once sent, each shows once, as the payment the server made of it (paid or declined), never twice and
 * never not at all, also while the list hears of the payments live before the tablet has the batch's answer.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer } from './support/customers';
import { holdRequests, openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';
import { type Lang, showLanguage } from './support/variants';

/** Takes a sale at the counter for `amount` with `code` while offline: it is queued. */
async function queueSale(page: Page, amount: string, code: string, next: string): Promise<void> {
	await page.keyboard.type(amount);
	await scan(page, code);
	const queued = page.getByTestId('charge-queued');
	await expect(queued).toBeVisible();
	await queued.getByRole('button', { name: next }).click();
}

/**
 * Watches Today's rows from now on: on every change, how many rows show each sale (waiting, by its code's last four
 * digits, or as a payment, by its customer). Returns what was seen.
 */
async function watchRows(page: Page, sales: { last4: string; handle: string }[]): Promise<() => Promise<number[][]>> {
	await page.evaluate((watched) => {
		const counts: number[][] = [];
		const count = () =>
			counts.push(
				watched.map(
					(s) =>
						[...document.querySelectorAll('tbody tr')].filter((tr) => {
							const who = tr.querySelector('td.who')?.textContent ?? '';
							return tr.matches('[data-testid="waiting-row"]') ? who.includes(s.last4) : who.trim().startsWith(s.handle);
						}).length
				)
			);
		count();
		new MutationObserver(count).observe(document.querySelector('tbody')!, { childList: true, subtree: true, characterData: true });
		(window as unknown as { rowCounts: number[][] }).rowCounts = counts;
	}, sales);
	return () => page.evaluate(() => (window as unknown as { rowCounts: number[][] }).rowCounts);
}

/** The day's line over the list, once the whole day is read: how many paid, and what the shop receives. */
async function dayLine(page: Page, heading: string): Promise<{ count: number; amountMinor: number }> {
	await expect(page.getByRole('heading', { name: heading })).toBeVisible();
	const line = page.getByTestId('payments-summary');
	await expect(line).toHaveText(/·/);
	// After the date: "3 paid · shop receives ¥17.00".
	const figures = ((await line.textContent()) ?? '').split('·').slice(1).join('·');
	const [, count, amount] = /(\d+)\D+¥([\d,]+\.\d\d)/.exec(figures) ?? [];
	return { count: Number(count), amountMinor: Math.round(Number(amount.replaceAll(',', '')) * 100) };
}

const WORDS = {
	en: {
		next: 'Next customer',
		today: 'Today',
		counter: 'Counter',
		heading: 'Today’s payments',
		waiting: 'Not paid yet: waiting on this tablet to be sent',
		summary: '2 sales (¥37.00) taken offline wait on this tablet to be sent: not in the day’s total until the server takes them.',
		codeEnding: 'Code ending',
		paid: 'Paid',
		declined: 'Declined'
	},
	zh: {
		next: '下一位顾客',
		today: '今日',
		counter: '收银台',
		heading: '今日付款',
		waiting: '尚未付款：在本平板上等待发送',
		summary: '2 笔离线收款（¥37.00）在本平板上等待发送：服务器收下之前不计入当日合计。',
		codeEnding: '付款码尾号',
		paid: '已付款',
		declined: '已拒绝'
	}
};

/** Chinese on a phone, English on a tablet: the same page, resized and its language switched in place in the bar. */
const VARIANTS = [
	['zh', PHONE],
	['en', TABLET]
] as const;

test(`sales waiting on the tablet show on Today, apart from the total, then once each as paid or declined (${VARIANTS.map(([l, v]) => `${l}, ${v.width}px`).join('; ')})`, async ({ browser, server }) => {
	const tag = randomUUID().slice(0, 6);
	const [first, second, broke] = await Promise.all([
		newCustomer(server.url, `wait-a-${tag}`, 10_000),
		newCustomer(server.url, `wait-b-${tag}`, 10_000),
		newCustomer(server.url, `wait-c-${tag}`, 0)
	]);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);

	// A sale paid at once, online, in English; the rest in Chinese, switched in place (its words fetched while online).
	await page.keyboard.type('5');
	await scan(page, await api.payCode(server.url, first));
	await expect(page.getByTestId('charge-result')).toBeVisible();
	await page.getByTestId('charge-result').getByRole('button', { name: WORDS.en.next }).click();
	await showLanguage(page, 'zh');
	const t = WORDS.zh;

	// Offline, two more are queued: one the server will pay, one it will decline (an empty wallet).
	const [secondCode, brokeCode] = await Promise.all([api.payCode(server.url, second), api.payCode(server.url, broke)]);
	// The queue's sending is held once the network is back, so Today shows it waiting beside the day's list.
	const releaseBatch = await holdRequests(page, '**/api/payments/batch');
	await ctx.setOffline(true);
	await queueSale(page, '7', secondCode, t.next);
	await queueSale(page, '30', brokeCode, t.next);
	await ctx.setOffline(false);

	await page.getByRole('link', { name: t.today, exact: true }).click();
	await expect(page.getByRole('heading', { name: t.heading })).toBeVisible();
	const waitingRows = page.getByTestId('waiting-row');
	/** The three sales of this test, in either language. */
	const rowsIn = (lang: Lang) =>
		page.locator('tbody tr').filter({ hasText: new RegExp(`${tag}|${WORDS[lang].codeEnding} (${secondCode.slice(-4)}|${brokeCode.slice(-4)})`) });
	const before: Record<string, { count: number; amountMinor: number }> = {};
	for (const [lang, viewport] of VARIANTS) {
		await showLanguage(page, lang);
		await page.setViewportSize(viewport);
		const t = WORDS[lang];
		await expect(page.getByRole('heading', { name: t.heading })).toBeVisible();
		await expect(waitingRows).toHaveCount(2);
		// Newest first, among the day's payments: the two waiting sales above the one paid before them (only this test's
		// sales are looked at).
		const rows = rowsIn(lang);
		await expect(rows).toHaveCount(3);
		await expect(rows.nth(0)).toContainText(brokeCode.slice(-4));
		await expect(rows.nth(1)).toContainText(secondCode.slice(-4));
		await expect(rows.nth(2)).toContainText(`wait-a-${tag}`);
		for (const row of await waitingRows.all()) {
			await expect(row).toContainText(t.waiting);
			await expect(row).toContainText(/\d\d:\d\d/);
			// Nothing to open or refund on a sale not yet paid.
			await expect(row.getByRole('button')).toHaveCount(0);
		}
		await expect(rows.nth(0)).toContainText('¥30.00');
		await expect(rows.nth(1)).toContainText('¥7.00');
		// The day's figures are the server's; the waiting sales are told apart.
		before[lang] = await dayLine(page, t.heading);
		await expect(page.getByTestId('waiting-summary')).toHaveText(t.summary);
		await screenshot(page, `cashier-today-waiting-${lang}`);
	}
	expect(before.zh).toEqual(before.en);

	// They go out: each is shown once throughout, then as what the server made of it.
	const seen = await watchRows(page, [
		{ last4: secondCode.slice(-4), handle: `wait-b-${tag}` },
		{ last4: brokeCode.slice(-4), handle: `wait-c-${tag}` }
	]);
	releaseBatch();
	await expect(waitingRows).toHaveCount(0);
	for (const [i, [lang, viewport]] of [...VARIANTS].reverse().entries()) {
		await showLanguage(page, lang);
		await page.setViewportSize(viewport);
		const t = WORDS[lang];
		await expect(waitingRows).toHaveCount(0);
		await expect(page.getByTestId('waiting-summary')).toBeHidden();
		await expect(page.getByRole('row', { name: new RegExp(`wait-b-${tag}`) })).toContainText(t.paid);
		await expect(page.getByRole('row', { name: new RegExp(`wait-c-${tag}`) })).toContainText(t.declined);
		// The one paid joins the day's figures; the declined one does not.
		await expect.poll(() => dayLine(page, t.heading)).toEqual({ count: before[lang]!.count + 1, amountMinor: before[lang]!.amountMinor + 700 });
		await expect(rowsIn(lang)).toHaveCount(3);
		// Still once each after the live stream and any read of the list have come in (waited for once, in the first
		// language looked at).
		if (i === 0) await page.waitForTimeout(1_000);
		await expect(rowsIn(lang)).toHaveCount(3);
		const counts = await seen();
		expect(counts.length).toBeGreaterThan(1);
		for (const c of counts) expect(c).toEqual([1, 1]);
		await screenshot(page, `cashier-today-waiting-sent-${lang}`);
	}
	await ctx.close();
});
