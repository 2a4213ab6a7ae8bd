/**
 * QA review, 1024x768: the network back, the queue's batch was still on its way as the next customer's sale was
 * charged; its answer then put the news ("✓ 1 queued sale sent and paid") and the declined list above the counter,
 * and the paid result beside the keypad, in a code column as tall as the keypad and no taller, had "Print receipt"
 * under the screen's edge (the column scrolled on its own, with nothing to say so). Beside the keypad "Print receipt"
 * and "Next customer" now share a row, as on a wide screen.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { holdRequests, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

const WORDS = {
	en: { keypad: 'Amount keypad', next: 'Next customer', print: 'Print receipt', point: 'Decimal point' },
	zh: { keypad: '金额键盘', next: '下一位顾客', print: '打印小票', point: '小数点' }
} as const;

async function keyAmount(page: Page, lang: 'en' | 'zh', amount: string): Promise<void> {
	const pad = page.getByRole('group', { name: WORDS[lang].keypad });
	for (const ch of amount) await pad.getByRole('button', { name: ch === '.' ? WORDS[lang].point : ch, exact: true }).click();
}

async function queueSale(page: Page, lang: 'en' | 'zh', amount: string, code: string): Promise<void> {
	await keyAmount(page, lang, amount);
	await scanWithHandheld(page, code);
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByTestId('charge-queued').getByRole('button', { name: WORDS[lang].next }).click();
	await expect(page.getByTestId('charge-queued')).toBeHidden();
}

for (const lang of ['en', 'zh'] as const) {
	test(`the queue's news and the declined list arriving over a paid result beside the keypad leave Print receipt on screen (1024x768, ${lang})`, async ({ browser, server }) => {
		const w = WORDS[lang];
		const paid = await newCustomer(server.url, uniqueHandle('paid'), 50_000);
		const short = await newCustomer(server.url, uniqueHandle('short'), 100);
		const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') await page.getByRole('button', { name: /简体中文/ }).click();
		await expect(page.getByRole('group', { name: w.keypad })).toBeVisible();
		// Two sales queued in an outage: one will be paid, one (¥8.00 of ¥1.00) declined.
		await ctx.setOffline(true);
		await queueSale(page, lang, '3', await api.payCode(server.url, paid));
		await queueSale(page, lang, '8', await api.payCode(server.url, short));
		// The network back, the queue's batch slow to answer, as the next customer's sale is charged at once.
		const release = await holdRequests(page, '**/api/payments/batch');
		await ctx.setOffline(false);
		await keyAmount(page, lang, '12.5');
		await scanWithHandheld(page, await api.payCode(server.url, paid));
		const result = page.getByTestId('charge-result');
		await expect(result).toBeVisible();
		release();
		const list = page.getByTestId('declined-after-sync');
		await expect(list.getByTestId('declined-entry')).toHaveCount(1);
		await expect(page.getByTestId('queue-sent-notice')).toBeVisible();
		await screenshot(page, `qa-counter-paid-print-crowded-${lang}`);
		const next = result.getByRole('button', { name: w.next });
		const print = result.getByRole('button', { name: w.print });
		await expect(next).toBeFocused();
		await expect(next).toBeInViewport({ ratio: 1 });
		await expect(print).toBeInViewport({ ratio: 1 });
		// Nothing of the result is cut off by its column: the column need not be scrolled to reach it.
		const cut = await result.evaluate((el) => {
			const column = el.closest('.code-side')!;
			return column.scrollHeight - column.clientHeight;
		});
		expect(cut, 'the code column scrolls no further than its focus ring').toBeLessThanOrEqual(8);
		await expect(page.getByRole('group', { name: w.keypad })).toBeInViewport({ ratio: 1 });
		await ctx.close();
	});
}
