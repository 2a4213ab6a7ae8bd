/**
 * The network drops as the cashier reaches for a key: the offline banner comes above the counter and the keypad moves
 * down under the finger (67 px at 1024x768). A tap aimed at 5 landed on 2, and the sale was keyed wrong. A tap in the
 * moment after the keys moved is not taken (they dim for it); once they are still, the same tap keys the 5.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CONTEXT_DEFAULTS } from './support/browser';
import { openCounterSignedIn, screenshot } from './support/pages';

/**
 * Starts watching the keypad's top, frame by frame in the page (so no time is lost): the answer resolves as it moves
 * from where it is now. Awaited before the move is caused, so that the watch starts before it.
 */
async function watchKeypad(page: Page): Promise<() => Promise<number>> {
	await page.evaluate(() => {
		const pad = document.querySelector('[role="group"].keypad')!;
		const from = pad.getBoundingClientRect().top;
		const until = performance.now() + 5_000;
		(window as unknown as { keypadMoved: Promise<number> }).keypadMoved = new Promise<number>((resolve, reject) => {
			const look = () => {
				const top = pad.getBoundingClientRect().top;
				if (Math.abs(top - from) > 2) resolve(top - from);
				else if (performance.now() > until) reject(new Error('the keypad did not move'));
				else requestAnimationFrame(look);
			};
			look();
		});
	});
	return () => page.evaluate(() => (window as unknown as { keypadMoved: Promise<number> }).keypadMoved);
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
		const moved = await watchKeypad(page);
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
