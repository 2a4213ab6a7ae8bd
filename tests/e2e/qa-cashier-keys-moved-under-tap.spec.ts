/**
 * The network drops as the cashier reaches for a key: the offline banner comes above the counter and the keypad moves
 * down under the finger (67 px at 1024x768). A tap aimed at 5 landed on 2, and the sale was keyed wrong. A tap in the
 * moment after the keys moved is not taken (they dim for it); once they are still, the same tap keys the 5.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS } from './support/browser';
import { newCustomer, uniqueHandle } from './support/customers';
import { keyAmount, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

/**
 * Starts watching the top of `selector` (the keypad, an outcome screen), frame by frame in the page (so no time is
 * lost): the answer resolves as it moves from where it is now. Awaited before the move is caused, so that the watch
 * starts before it.
 */
async function watchPlace(page: Page, selector: string): Promise<() => Promise<number>> {
	await page.evaluate((selector) => {
		const watched = document.querySelector(selector)!;
		const from = watched.getBoundingClientRect().top;
		const until = performance.now() + 5_000;
		(window as unknown as { placeMoved: Promise<number> }).placeMoved = new Promise<number>((resolve, reject) => {
			const look = () => {
				const top = watched.getBoundingClientRect().top;
				if (Math.abs(top - from) > 2) resolve(top - from);
				else if (performance.now() > until) reject(new Error(`${selector} did not move`));
				else requestAnimationFrame(look);
			};
			look();
		});
	}, selector);
	return () => page.evaluate(() => (window as unknown as { placeMoved: Promise<number> }).placeMoved);
}

for (const size of [
	{ name: 'tablet', width: 1024, height: 768 },
	{ name: 'phone', width: 390, height: 844 }
]) {
	test(`${size.name}: a tap aimed at a key as the offline banner pushes the keypad is not taken where it lands`, async ({ browser, server }) => {
		const ctx = await browser.newContext({ viewport: { width: size.width, height: size.height }, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		const counter = page.locator('.counter');
		const pad = page.getByRole('group', { name: 'Amount keypad' });
		const display = page.getByTestId('amount-display');
		// Whatever came in after the first paint (a chunk, a font) has settled: the keys are where the cashier sees them.
		await expect(counter).not.toHaveAttribute('data-settling');
		const aim = (await pad.getByRole('button', { name: '5', exact: true }).boundingBox())!;

		// The finger is on its way to 5 when the network goes: it lands where 5's upper half was, just after the keys
		// moved. Taken there, it keyed 2 on the tablet and the ¥20 quick amount on the phone.
		const moved = await watchPlace(page, '[role="group"].keypad');
		await ctx.setOffline(true);
		expect(await moved(), 'the banner pushed the keypad down').toBeGreaterThan(20);
		await page.mouse.click(aim.x + aim.width / 2, aim.y + 12);
		await screenshot(page, 'qa-keys-moved');
		await expect(page.getByTestId('offline-banner')).toBeVisible();
		await expect(display, 'the tap keyed nothing').toHaveText('¥0');

		// A moment later the keys are still, and the 5 aimed at again is keyed.
		await expect(counter).not.toHaveAttribute('data-settling');
		await pad.getByRole('button', { name: '5', exact: true }).click();
		await expect(display).toHaveText('¥5');
		await ctx.close();
	});
}

test('a declined sale: a tap aimed at Paid in cash as the offline banner pushes the screen down is not taken where it lands', async ({ browser, server }) => {
	const poor = await newCustomer(server.url, uniqueHandle('poor'), 100);
	const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await keyAmount(page, '8');
	await scanWithHandheld(page, await api.payCode(server.url, poor));
	const declined = page.getByTestId('charge-declined');
	const cash = declined.getByRole('button', { name: 'Paid in cash' });
	await expect(cash).toBeVisible();
	await expect(declined).not.toHaveAttribute('data-settling');
	const aim = (await cash.boundingBox())!;

	// Landed where Paid in cash was, just after the banner moved the screen: taken there, it opened the camera (Scan a
	// new code had come down to that place).
	const moved = await watchPlace(page, '[data-testid="charge-declined"]');
	await ctx.setOffline(true);
	expect(await moved(), 'the banner pushed the screen down').toBeGreaterThan(20);
	await page.mouse.click(aim.x + aim.width / 2, aim.y + aim.height / 2);
	await expect(declined, 'the camera did not open').toBeVisible();
	await expect(page.getByRole('dialog')).toHaveCount(0);
	await expect(declined.getByLabel(/^Note/)).toHaveCount(0);

	// Once it is still, the same tap on Paid in cash opens its note.
	await expect(declined).not.toHaveAttribute('data-settling');
	await cash.click();
	await expect(declined.getByLabel(/^Note/)).toBeVisible();
	await ctx.close();
});
