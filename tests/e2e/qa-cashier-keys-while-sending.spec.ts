/**
 * A cashier at a busy counter keys the next customer's amount as soon as they have charged, while that charge is
 * still on its way (a second on a slow café network). Those keys were dropped (with a shake of the amount): "2" while
 * sending and "5" once paid made ¥5 of a ¥25 order. Kept out of sight instead, a cashier who keyed the amount again
 * got ¥2525.
 *
 * Now the keys (keyboard, keypad, quick amounts) build the next sale's amount, shown as "Next sale: ¥25" beside the amount
 * being charged and above the sale's result, with a Discard button. It is the next sale's amount once the counter
 * goes on to it, shown selected: the first key replaces it, so keyed again it is still ¥25.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
const UPRIGHT_TABLET = { width: 768, height: 1024 };

import { holdRequests, keyAmount, openCounterSignedIn, scanWithHandheld, screenshot, switchLanguage } from './support/pages';

test('keys pressed while a charge is sent show as "Next sale: ¥25", and keyed again once paid they are ¥25, not ¥2525', async ({ browser, server }) => {
	const first = await newCustomer(server.url, uniqueHandle('first'), 50_000);
	const second = await newCustomer(server.url, uniqueHandle('second'), 50_000);
	const ctx = await browser.newContext({ viewport: UPRIGHT_TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	const display = page.getByTestId('amount-display');
	const next = page.getByTestId('next-amount');

	const release = await holdRequests(page, '**/api/payments');
	await page.keyboard.press('3');
	await page.keyboard.press('0');
	const firstCode = await api.payCode(server.url, first);
	await scanWithHandheld(page, firstCode);
	await expect(page.getByRole('status').filter({ hasText: 'Charging ¥30.00' })).toBeVisible();
	const pad = page.getByRole('group', { name: 'Amount keypad' });
	const keyTop = async () => (await pad.getByRole('button', { name: '5', exact: true }).boundingBox())!.y;
	const before = await keyTop();
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await expect(next).toContainText('Next sale: ¥25.00');
	// The keypad stays where it was under the cashier's finger: a box that came with the first key moved it down, and
	// the next tap hit the key above.
	expect(Math.abs((await keyTop()) - before)).toBeLessThanOrEqual(2);
	// The amount being charged is untouched.
	await expect(display).toHaveText('¥30');
	await screenshot(page, 'qa-keys-while-sending-next');
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥30.00');
	// Over the result, the next sale's amount is still said.
	await expect(next).toContainText('Next sale: ¥25.00');
	await screenshot(page, 'qa-keys-while-sending-result');
	// The paid code read again (a stand scanner, the phone still under it): the result stays, and so does the next amount.
	await scanWithHandheld(page, firstCode);
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥30.00');
	await expect(next).toContainText('Next sale: ¥25.00');

	// The cashier, unsure the keys were taken, keys the amount again.
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await expect(display).toHaveText('¥25');
	await expect(next).toBeHidden();
	await scanWithHandheld(page, await api.payCode(server.url, second));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	expect(await api.balance(server.url, first)).toBe(50_000 - 3_000);
	expect(await api.balance(server.url, second)).toBe(50_000 - 2_500);
	await ctx.close();
});

test('the next amount tapped on the keypad while sending is the next sale\'s, shown selected; the next code scanned meanwhile is held for it (zh, phone)', async ({ browser, server }) => {
	const first = await newCustomer(server.url, uniqueHandle('first'), 50_000);
	const second = await newCustomer(server.url, uniqueHandle('second'), 50_000);
	const ctx = await browser.newContext({ viewport: PHONE, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	const display = page.getByTestId('amount-display');
	const next = page.getByTestId('next-amount');

	const release = await holdRequests(page, '**/api/payments');
	await keyAmount(page, '12');
	await scanWithHandheld(page, await api.payCode(server.url, first));
	await expect(page.getByText('Charging ¥12.00…')).toBeVisible();
	// The keypad takes the next amount while the charge is on its way; the next customer's code, scanned too, is held.
	await keyAmount(page, '48');
	await expect(next).toContainText('Next sale: ¥48.00');
	const secondCode = await api.payCode(server.url, second);
	await scanWithHandheld(page, secondCode);
	await expect(page.getByTestId('held-code')).toContainText(secondCode.slice(-4));
	// The scanner's digits are not part of the next amount.
	await expect(next).toContainText('Next sale: ¥48.00');
	await expect(display).toHaveText('¥12');
	await switchLanguage(page);
	await expect(next).toContainText('下一笔：¥48.00');
	await screenshot(page, 'qa-keys-while-sending-next-zh');
	await switchLanguage(page);
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥12.00');

	// The next sale starts with that amount, selected, and the held code: Charge takes ¥48.
	await page.getByRole('button', { name: 'Next customer' }).click();
	await expect(display).toHaveText('¥48');
	await expect(page.getByTestId('amount-kept')).toBeVisible();
	await expect(next).toBeHidden();
	await screenshot(page, 'qa-keys-while-sending-kept');
	const pad = page.getByRole('group', { name: 'Amount keypad' });
	const keyTop = async () => (await pad.getByRole('button', { name: '4', exact: true }).boundingBox())!.y;
	const before = await keyTop();
	// Clear empties it, as it would a selection; keyed again it is what was keyed.
	await pad.getByRole('button', { name: 'Clear' }).click();
	await expect(display).toHaveText('¥0');
	await keyAmount(page, '48');
	await expect(page.getByTestId('amount-kept')).toBeHidden();
	expect(Math.abs((await keyTop()) - before), 'the keypad stays under the finger').toBeLessThanOrEqual(2);
	await page.getByRole('button', { name: 'Charge ¥48.00' }).click();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥48.00');
	expect(await api.balance(server.url, first)).toBe(50_000 - 1_200);
	expect(await api.balance(server.url, second)).toBe(50_000 - 4_800);
	await ctx.close();
});

test('a next amount kept while sending can be cleared and discarded, and a quick amount tapped then is replaced by the next key', async ({ page, server }) => {
	const first = await newCustomer(server.url, uniqueHandle('first'), 50_000);
	await openCounterSignedIn(page, server.url);
	const next = page.getByTestId('next-amount');
	const release = await holdRequests(page, '**/api/payments');
	await keyAmount(page, '9');
	await scanWithHandheld(page, await api.payCode(server.url, first));
	await expect(page.getByText('Charging ¥9.00…')).toBeVisible();
	await page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name: '¥20' }).click();
	await expect(next).toContainText('Next sale: ¥20.00');
	await page.keyboard.press('7');
	await expect(next).toContainText('Next sale: ¥7.00');
	// While sending, Clear acts on it.
	await page.keyboard.press('Escape');
	await expect(next).toBeHidden();
	await page.keyboard.press('6');
	await expect(next).toContainText('Next sale: ¥6.00');
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥9.00');
	// Over the result, Discard drops it.
	await next.getByRole('button', { name: 'Discard' }).click();
	await expect(next).toBeHidden();
	await page.getByRole('button', { name: 'Next customer' }).click();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
});

test('a sale declined and charged again: keys of the next amount pressed again while it is sent replace the one kept, not run on from it', async ({ page, server }) => {
	const poor = await newCustomer(server.url, uniqueHandle('poor'), 100);
	const rich = await newCustomer(server.url, uniqueHandle('rich'), 50_000);
	await openCounterSignedIn(page, server.url);
	const next = page.getByTestId('next-amount');
	let release = await holdRequests(page, '**/api/payments');
	await keyAmount(page, '30');
	await scanWithHandheld(page, await api.payCode(server.url, poor));
	await expect(page.getByText('Charging ¥30.00…')).toBeVisible();
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await expect(next).toContainText('Next sale: ¥25.00');
	release();
	await expect(page.getByTestId('charge-declined')).toBeVisible();
	await expect(next).toContainText('Next sale: ¥25.00');

	// The customer pays with another wallet; while that charge is sent, the cashier keys the next amount again.
	await page.unroute('**/api/payments');
	release = await holdRequests(page, '**/api/payments');
	await scanWithHandheld(page, await api.payCode(server.url, rich));
	await expect(page.getByText('Charging ¥30.00…')).toBeVisible();
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await expect(next).toContainText('Next sale: ¥25.00');
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥30.00');
	// The next customer's code, scanned over the result, is charged the next amount, as after any amount keyed.
	const third = await newCustomer(server.url, uniqueHandle('third'), 50_000);
	await scanWithHandheld(page, await api.payCode(server.url, third));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	await expect(next).toBeHidden();
	expect(await api.balance(server.url, rich)).toBe(50_000 - 3_000);
	expect(await api.balance(server.url, third)).toBe(50_000 - 2_500);
});

/**
 * A handheld scanner's keys stamped `stepMs` apart from `fromMs` on (the event's time stamp, as a scanner's arrive,
 * whatever the test driver's pace between two calls).
 */
async function scanKeys(page: Page, keys: string[], fromMs: number, stepMs = 5): Promise<number> {
	return page.evaluate(
		({ keys, fromMs, stepMs }) => {
			(document.activeElement as HTMLElement | null)?.blur();
			let at = fromMs;
			for (const key of keys) {
				const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
				Object.defineProperty(e, 'timeStamp', { value: (at += stepMs) });
				window.dispatchEvent(e);
			}
			return at;
		},
		{ keys, fromMs, stepMs }
	);
}

test('a scan begun while a charge is sent and ended once it is paid charges the next customer the next amount, not that amount run on with the code\'s digits', async ({ page, server }) => {
	const first = await newCustomer(server.url, uniqueHandle('first'), 50_000);
	const second = await newCustomer(server.url, uniqueHandle('second'), 5_000_000);
	await openCounterSignedIn(page, server.url);
	const release = await holdRequests(page, '**/api/payments');
	await keyAmount(page, '30');
	await scanWithHandheld(page, await api.payCode(server.url, first));
	await expect(page.getByText('Charging ¥30.00…')).toBeVisible();
	await page.keyboard.press('2');
	await page.keyboard.press('5');
	await expect(page.getByTestId('next-amount')).toContainText('Next sale: ¥25.00');

	// The next customer's code: half its digits while the charge is sent, the rest (and Enter) once it is paid.
	const code = await api.payCode(server.url, second);
	const fromMs = await page.evaluate(() => performance.now());
	const half = await scanKeys(page, [...code.slice(0, 9)], fromMs);
	release();
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥30.00');
	await scanKeys(page, [...code.slice(9), 'Enter'], half);
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	expect(await api.balance(server.url, second)).toBe(5_000_000 - 2_500);
});
