/**
 * Cashier review, offline at a busy counter: a sale queued with Alice's code, her code scanned again for the same
 * ¥10.00, was refused with "Ask the customer for a fresh code", and her fresh code was charged the ¥10.00 still on
 * screen at its scan: back online, she had paid twice for one purchase. The refusal now names the sale already
 * queued and says not to charge it again, and the amount goes with the refused code, so a code scanned next waits for
 * an amount. Escape, pressed once, cleared only the amount and left the last customer's code for the next sale's
 * amount: a second Escape gives the code up too.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { storedOutbox } from './support/outbox';
import { keyAmount, openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';

test('offline, the same sale tried again is not charged to a fresh code, and two Escapes give up a code taken first', async ({ browser, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const [first, fresh, frank] = [await api.payCode(server.url, alice), await api.payCode(server.url, alice), await api.payCode(server.url, await api.customerToken(server.url, 'bob', '2222'))];
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const tablet = await ctx.newPage();
	await openCounterSignedIn(tablet, server.url);
	await ctx.setOffline(true);
	await expect(tablet.getByTestId('network-state')).toContainText('Offline');

	await keyAmount(tablet, '10');
	await scan(tablet, first);
	const queued = tablet.getByTestId('charge-queued');
	await expect(queued).toContainText('The sale is taken: don’t charge it again.');

	// The same sale again: ¥10.00 keyed (the keyboard starts the next sale from the queued screen), the same code.
	await tablet.keyboard.type('10');
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥10');
	await scan(tablet, first);
	const refusal = tablet.getByRole('alert').filter({ hasText: 'Payment not taken' });
	await expect(refusal).toContainText(/This code’s sale is already queued on this tablet: ¥10\.00, taken at \d\d:\d\d, charged when the network returns\. Don’t charge it again/);
	await screenshot(tablet, 'qa-cashier-offline-same-sale-twice');
	// Her fresh code, scanned anyway: taken, waiting for an amount, not charged ¥10.00 again.
	await scan(tablet, fresh);
	await expect(tablet.getByTestId('pending-code')).toContainText(fresh.slice(-4));
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥0');
	await expect(queued).toBeHidden();
	expect((await storedOutbox(tablet)).length).toBe(1);

	// Escape: the amount first, then the code taken (once, the code stayed for the next customer's amount).
	await tablet.keyboard.type('27');
	await tablet.keyboard.press('Escape');
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥0');
	await expect(tablet.getByTestId('pending-code')).toBeVisible();
	await tablet.keyboard.press('Escape');
	await expect(tablet.getByTestId('pending-code')).toBeHidden();
	// The next customer's sale is theirs alone.
	await tablet.keyboard.type('12');
	await scan(tablet, frank);
	await expect(queued).toContainText('¥12.00');
	expect((await storedOutbox(tablet)).map((e) => e.amount).sort((a, b) => a - b)).toEqual([1_000, 1_200]);
	await ctx.close();
});
