/**
 * The outbox code (Dexie and the sync engine) is not in the counter's first load: it arrives just
 * after the first paint. A charge taken before it is there waits for it, and still goes through
 * the outbox: written to IndexedDB, then sent, charged once.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { storedOutbox } from './support/outbox';
import { TABLET } from './support/browser';
import { holdChunks, keyAmount, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('a charge keyed before the outbox has loaded waits for it, goes through it, and is charged once', async ({ page, server }) => {
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const before = await api.balance(server.url, bob);
	const code = await api.payCode(server.url, bob);

	// Hold back the chunk holding the outbox's database (the only one naming it) until released.
	const { held, release } = await holdChunks(page, 'pos-offline');

	// The keypad and the code field are there at once; the network pill comes with the outbox.
	await openCounterSignedIn(page, server.url);
	await expect.poll(held).toBe(1);
	await expect(page.getByTestId('network-state')).toBeHidden();

	await keyAmount(page, '12');
	const field = page.getByLabel('Or type the code');
	await field.fill(code);
	await field.press('Enter');
	// The charge waits for the outbox: nothing has reached the server.
	await expect(page.getByRole('status').filter({ hasText: 'Charging ¥12.00…' })).toBeVisible();
	expect(await api.balance(server.url, bob)).toBe(before);

	release();
	const result = page.getByTestId('charge-result');
	await expect(result.getByTestId('charged')).toHaveText('¥12.00');
	await expect(page.getByTestId('network-state')).toContainText('Online');
	expect(await api.balance(server.url, bob)).toBe(before - 1200);

	// It went through the outbox: one entry in IndexedDB, paid.
	const entries = await storedOutbox(page);
	expect(entries.map((e) => [e.state, e.amount])).toEqual([['succeeded', 1200]]);
});
