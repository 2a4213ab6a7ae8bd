/**
 * A keyboard-only cashier: every way from an outcome back to the counter leaves the focus on the amount, with a
 * visible ring, where the next key is expected. "Next customer" (and "Cancel sale", Escape on a decline, a top-up's
 * Done, the charge-again form closed by the next sale) were removed from under the focus, which fell to the page's
 * body: keys still landed (the counter listens on the page), but nothing on screen showed where the keyboard was, and
 * Tab started from wherever the removed screen had been. And the paid screen of a sale with no coupon reads its
 * saving as one "No coupon", not "Coupon saving, blank, No coupon".
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { openCounterSignedIn, saleDeclinedAfterSync, scanWithHandheld, screenshot } from './support/pages';

test.use({ viewport: TABLET });

const amount = (page: Page) => page.getByTestId('amount-display');

/** The amount has the focus, the browser shows it as keyboard focus, and its box wears the ring. */
async function expectAmountFocusedVisibly(page: Page): Promise<void> {
	await expect(amount(page)).toBeFocused();
	await expect(page.locator(':focus-visible')).toHaveAttribute('data-testid', 'amount-display');
	const ring = await amount(page).evaluate((el) => getComputedStyle(el.closest('.display')!).boxShadow);
	expect(ring, 'the amount’s box shows a focus ring').not.toBe('none');
	// Read as the amount, by name.
	await expect(amount(page)).toHaveAccessibleName('Amount');
}

/** Tab, one key at a time, until `target` has the focus (at most `max` presses): the keyboard's way to a button. */
async function tabTo(page: Page, target: Locator, max = 15): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

/** A sale of `amountText` keyed on the keyboard and the customer's code scanned. */
async function keyAndScan(page: Page, amountText: string, code: string): Promise<void> {
	await page.keyboard.type(amountText);
	await expect(amount(page)).toHaveText(`¥${amountText}`);
	await scanWithHandheld(page, code);
}

test('Enter on "Next customer" leaves the focus on the amount, visibly; Tab goes on to the quick amounts', async ({ page, server }) => {
	const token = await newCustomer(server.url, uniqueHandle('focus'), 50_000);
	await openCounterSignedIn(page, server.url);
	await keyAndScan(page, '12', await api.payCode(server.url, token));
	const result = page.getByTestId('charge-result');
	const next = result.getByRole('button', { name: 'Next customer' });
	await expect(next).toBeFocused();
	// A sale with no coupon: its saving is one "No coupon", with no blank figure read before it.
	// (The whole list, compared exactly: a snapshot template matches a list with more in it, the blank one included.)
	expect(await result.locator('dl').ariaSnapshot()).toBe(
		['- term: Amount', '- definition: ¥12.00', '- term: Coupon saving', '- definition: No coupon', '- term: Charged', '- definition: ¥12.00'].join('\n')
	);
	await page.keyboard.press('Enter');
	await expect(result).toBeHidden();
	await expectAmountFocusedVisibly(page);
	await screenshot(page, 'qa-counter-focus-after-next');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name: '¥10', exact: true })).toBeFocused();
	// On past the four quick amounts to the code's column; the keypad's keys, which the keyboard types itself, are not
	// in the way (Tab went through all twelve).
	for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
	await expect(page.getByRole('group', { name: 'Amount keypad' }).locator(':focus')).toHaveCount(0);
	await expect(page.locator(':focus')).not.toHaveAttribute('class', /\bkey\b/);
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');

	// A digit keyed on the paid screen starts the next sale: the focus goes to its amount too.
	await page.keyboard.press('Shift+Tab');
	await keyAndScan(page, '3', await api.payCode(server.url, token));
	await expect(next).toBeFocused();
	await page.keyboard.type('5');
	await expect(result).toBeHidden();
	await expect(amount(page)).toHaveText('¥5');
	await expectAmountFocusedVisibly(page);
});

test('a decline given up (Escape, "Cancel sale") or settled in cash leaves the focus on the amount', async ({ page, server }) => {
	const poor = await newCustomer(server.url, uniqueHandle('poor'), 100);
	await openCounterSignedIn(page, server.url);
	const declined = page.getByTestId('charge-declined');

	await keyAndScan(page, '8', await api.payCode(server.url, poor));
	await expect(declined.getByRole('button', { name: 'Scan a new code' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(declined).toBeHidden();
	await expectAmountFocusedVisibly(page);

	await keyAndScan(page, '8', await api.payCode(server.url, poor));
	await tabTo(page, declined.getByRole('button', { name: 'Cancel sale' }));
	await page.keyboard.press('Enter');
	await expect(declined).toBeHidden();
	await expectAmountFocusedVisibly(page);

	await keyAndScan(page, '8', await api.payCode(server.url, poor));
	await tabTo(page, declined.getByRole('button', { name: 'Paid in cash' }));
	await page.keyboard.press('Enter');
	await expect(declined.getByLabel('Note')).toBeFocused();
	await page.keyboard.type('cash, paid in full');
	await page.keyboard.press('Enter');
	const next = declined.getByRole('button', { name: 'Next customer' });
	await expect(next).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(declined).toBeHidden();
	await expectAmountFocusedVisibly(page);
});

test('a sale queued offline: "Next customer" leaves the focus on the amount', async ({ page, server }) => {
	const token = await newCustomer(server.url, uniqueHandle('queued'), 50_000);
	await openCounterSignedIn(page, server.url);
	await page.context().setOffline(true);
	await keyAndScan(page, '7', await api.payCode(server.url, token));
	const queued = page.getByTestId('charge-queued');
	await expect(queued).toContainText('Queued — not yet paid');
	await tabTo(page, queued.getByRole('button', { name: 'Next customer' }));
	await page.keyboard.press('Enter');
	await expect(queued).toBeHidden();
	await expectAmountFocusedVisibly(page);
	await page.context().setOffline(false);
});

test('a top-up at the counter: Done leaves the focus on the sale’s amount', async ({ page, server }) => {
	const token = await newCustomer(server.url, uniqueHandle('topup'), 0);
	await openCounterSignedIn(page, server.url);
	const start = page.getByTestId('counter-topup-start');
	await tabTo(page, start, 30);
	await page.keyboard.press('Enter');
	const panel = page.getByTestId('counter-topup');
	await expect(panel).toBeVisible();
	await page.keyboard.type('100');
	await scanWithHandheld(page, await api.payCode(server.url, token));
	await expect(panel.getByTestId('pending-code')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(panel.getByTestId('counter-topup-confirm')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(panel.getByTestId('counter-topup-done')).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Done' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(panel).toBeHidden();
	await expectAmountFocusedVisibly(page);
});

test('"Charge again" on a sale declined after an outage, closed by the next sale: the focus goes to the amount', async ({ page, server }) => {
	const poor = await newCustomer(server.url, uniqueHandle('again'), 100);
	await page.setViewportSize(PHONE);
	await openCounterSignedIn(page, server.url);
	const { entry } = await saleDeclinedAfterSync(page, '8', await api.payCode(server.url, poor), { phone: true });
	await tabTo(page, entry.getByRole('button', { name: 'Charge again' }), 30);
	await page.keyboard.press('Enter');
	const fresh = entry.getByLabel('Fresh code from the customer');
	await expect(fresh).toBeFocused();
	// The customer has gone; the cashier turns to the next one, keying on the keypad (whose taps keep no focus).
	await page.getByRole('group', { name: 'Amount keypad' }).getByRole('button', { name: '3', exact: true }).click();
	await expect(fresh).toBeHidden();
	await expect(amount(page)).toBeFocused();
	await page.keyboard.type('5');
	await expect(amount(page)).toHaveText('¥35');
});

for (const [size, lang] of [
	[{ width: 360, height: 640 }, 'zh'],
	[PHONE, 'en'],
	[TABLET, 'zh']
] as const) {
	test(`the amount's ring after "Next customer" at ${size.width}px in ${lang}`, async ({ page, server }) => {
		const token = await newCustomer(server.url, uniqueHandle('ring'), 50_000);
		await page.setViewportSize(size);
		await openCounterSignedIn(page, server.url);
		if (lang === 'zh') {
			await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
			await page.reload();
			await expect(page.getByRole('group', { name: '金额键盘' })).toBeVisible();
		}
		await keyAndScan(page, '12', await api.payCode(server.url, token));
		const result = page.getByTestId('charge-result');
		await expect(result.locator('dd.coupon')).toBeVisible();
		await screenshot(page, `qa-counter-focus-paid-${lang}-${size.width}`);
		await page.keyboard.press('Enter');
		await expect(result).toBeHidden();
		await expect(amount(page)).toBeFocused();
		await expect(page.locator(':focus-visible')).toHaveAttribute('data-testid', 'amount-display');
		// On screen, not scrolled off under the bar.
		await expect(amount(page)).toBeInViewport({ ratio: 1 });
		await screenshot(page, `qa-counter-focus-next-${lang}-${size.width}`);
	});
}

test('the language switched on the paid screen leaves the focus on "Next customer": Enter goes on, not back to English', async ({ page, server }) => {
	const token = await newCustomer(server.url, uniqueHandle('lang'), 50_000);
	await openCounterSignedIn(page, server.url);
	await keyAndScan(page, '9', await api.payCode(server.url, token));
	await expect(page.getByTestId('charge-result').getByRole('button', { name: 'Next customer' })).toBeFocused();
	// Tapped: the language changes, the focus stays where the sale left it (cashier review: it moved to the switch, and
	// the next Enter switched the language back).
	await page.getByRole('button', { name: /简体中文/ }).click();
	const next = page.getByTestId('charge-result').getByRole('button', { name: '下一位顾客' });
	await expect(next).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charge-result')).toBeHidden();
	await expect(page.getByRole('group', { name: '金额键盘' })).toBeVisible();
});
