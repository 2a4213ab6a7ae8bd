/**
 * Several payments declined after an offline spell, on a 1024×768 tablet: the list of them sits above the
 * keypad, and the keypad keeps its bottom row on screen, so the next sale is keyed without scrolling the page.
 * (One entry always fitted; two whole entries pushed ".", "0" and "00" under the screen's edge.)
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { keyAmount, openCounterSignedIn, screenshot } from './support/pages';

test('two payments declined after sync leave the tablet keypad whole on screen', async ({ browser, server }) => {
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	await ctx.setOffline(true);
	// Carol has ¥20.00: both are declined when sent (the first code is also replaced by the second).
	for (const amount of ['200', '300']) {
		const code = await api.payCode(server.url, carol);
		await keyAmount(page, amount);
		const field = page.getByLabel('Or type the code');
		await field.fill(code);
		await field.press('Enter');
		await expect(page.getByTestId('charge-queued')).toContainText('Queued — not yet paid');
		await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
	}
	await ctx.setOffline(false);

	const list = page.getByTestId('declined-after-sync');
	await expect(list.getByRole('heading')).toHaveText('Declined after sending (2)');
	await expect(list.getByTestId('declined-entry')).toHaveCount(2);
	await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
	await expect(page.getByRole('button', { name: 'Clear', exact: true })).toBeInViewport({ ratio: 1 });
	expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
	await screenshot(page, 'qa-declined-two');

	// The second entry is in the list's own scroll, and reachable there.
	const second = list.getByTestId('declined-entry').nth(1);
	await second.scrollIntoViewIfNeeded();
	await expect(second.getByRole('button', { name: 'Charge again' })).toBeInViewport({ ratio: 1 });

	// Opening an entry's form gives it the room the form takes: its field and button are in view.
	await second.getByRole('button', { name: 'Charge again' }).click();
	await expect(second.getByLabel('Fresh code from the customer')).toBeFocused();
	await expect(second.getByRole('button', { name: 'Charge ¥300.00' })).toBeInViewport({ ratio: 1 });

	// Carol cannot cover it; a friend (bob) pays with his code. Settled, the list goes back to one entry and the keypad is still whole.
	await page.keyboard.type(await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222')));
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('charged-again')).toHaveText('Charged again: Paid ¥300.00');
	await expect(list.getByTestId('declined-entry')).toHaveCount(1);
	await keyAmount(page, '8');
	await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
	await ctx.close();
});
