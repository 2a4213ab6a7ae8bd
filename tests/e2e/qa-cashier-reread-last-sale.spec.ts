/**
 * QA review, a busy counter: a customer paid ¥8.00, the cashier keyed ¥12 for the next one, and the scanner read the
 * last customer's phone again (still under it). The code was charged ¥12.00 as the new sale and declined with "This
 * sale is most likely paid already … Check Today before taking any money": in a rush, the next customer could leave
 * without paying. The code the last sale just paid with, read again, is now not sent: the ¥12 stays keyed for the
 * new customer's code, and a short note says it was the last customer's code, already paid. A code that paid here
 * before, and is not the last sale's, still gets the careful decline; a different code still charges.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { expectAccessible, openCounterSignedIn, preloadChinese, scanWithHandheld as scan, screenshot, switchLanguage } from './support/pages';

for (const viewport of [TABLET, PHONE]) {
	test(`the last customer's code read again after the next amount is keyed charges nothing, and the amount waits (${viewport.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(viewport);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const alice = await api.customerToken(server.url, 'alice', '1111');
		const [bobBefore, aliceBefore] = [await api.balance(server.url, bob), await api.balance(server.url, alice)];
		await openCounterSignedIn(page, server.url);
		const result = page.getByTestId('charge-result');

		await page.keyboard.type('8');
		const bobCode = await api.payCode(server.url, bob);
		await scan(page, bobCode);
		await expect(result.getByTestId('charged')).toHaveText('¥8.00');

		// The next customer's amount, keyed over the result; the scanner reads Bob's phone again.
		await page.keyboard.type('12');
		await expect(page.getByTestId('amount-display')).toHaveText('¥12');
		await scan(page, bobCode);
		const note = page.getByTestId('last-sale-code');
		await expect(note).toHaveText('That was the last customer’s code, already paid (¥8.00). Nothing was charged.');
		await expect(page.getByTestId('amount-display')).toHaveText('¥12');
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
		await expect(page.getByTestId('scan-hint')).toHaveText('Now scan the customer’s code.');
		await expect(page.getByTestId('charge-declined')).toHaveCount(0);
		await screenshot(page, 'qa-reread-last-sale');
		await expectAccessible(page, 'the last customer’s code read again over the next amount');

		await preloadChinese(page);
		await switchLanguage(page);
		await expect(note).toHaveText('这是上一位顾客的付款码，已付款（¥8.00）。本单未收款。');
		await screenshot(page, 'qa-reread-last-sale-zh');
		await switchLanguage(page);

		// The new customer's code takes the ¥12.00 waiting for it; the note goes.
		await scan(page, await api.payCode(server.url, alice));
		await expect(result.getByTestId('charged')).toHaveText('¥12.00');
		await expect(result).toContainText('Customer: alice');
		await expect(note).toHaveCount(0);
		expect(await api.balance(server.url, bob)).toBe(bobBefore - 800);
		expect(await api.balance(server.url, alice)).toBe(aliceBefore - 1200);

		// Bob's code is no longer the last sale's: read again now, it is charged and declined with the careful words.
		await page.keyboard.type('5');
		await scan(page, bobCode);
		const declined = page.getByTestId('charge-declined');
		await expect(declined.getByTestId('decline-reason')).toHaveText(/^This code already paid ¥8\.00 at this shop, at \d{2}:\d{2}\.$/);
		await expect(declined.getByTestId('used-here-next')).toContainText('most likely paid already');
		expect(await api.balance(server.url, bob)).toBe(bobBefore - 800);
	});
}
