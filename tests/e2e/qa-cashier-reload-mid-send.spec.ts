/**
 * A counter reloaded (an app update, a cashier's refresh, a tablet that restarts the tab) while its queue was on its
 * way out: the page that sent it is gone, and no answer will ever reach it. The sales it had taken out of the queue
 * stayed "being sent" by nobody for the 90 s the sender's lease lasts (a batch may take 60 s): the reloaded counter
 * showed them queued, sent nothing, and "Send now" did nothing; an app update waiting for the outbox waited with them.
 * Now every sender holds a lock while its answer may still come (the browser frees it when the page goes), and the
 * next page takes back at once what a sender no longer there had taken out.
 */
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { openCounterSignedIn, queueSaleOffline } from './support/pages';

test.use({ viewport: TABLET });

/** Far under the 90 s the abandoned sale waited before (BATCH_LEASE_MS). */
const SOON = { timeout: 15_000 };

test('a queue on its way out when the counter reloads goes out from the reloaded counter at once, and is paid once', async ({
	page,
	context,
	server
}) => {
	await openCounterSignedIn(page, server.url);
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const before = await api.balance(server.url, carol);
	const code = await api.payCode(server.url, carol);

	await context.setOffline(true);
	await queueSaleOffline(page, '4.2', code);
	await expect(page.getByTestId('queued-count')).toHaveText('1 queued');

	// The network is back; the queue goes out. The server pays it, and its answer is still on the way back when the
	// counter reloads: it never reaches the page that sent it.
	const keysOf = (body: unknown) => (body as { items: { idempotencyKey: string }[] }).items.map((i) => i.idempotencyKey);
	let sentBefore: string[] = [];
	await page.route('**/api/payments/batch', async (route: Route) => {
		if (sentBefore.length > 0) return route.continue();
		await route.fetch();
		sentBefore = keysOf(route.request().postDataJSON());
		// Its answer is not handed to the page: the page goes first.
	});
	await context.setOffline(false);
	await expect.poll(() => sentBefore.length).toBe(1);

	const sentAfter: { keys: string[]; status: number }[] = [];
	page.on('response', (r) => {
		if (new URL(r.url()).pathname === '/api/payments/batch') sentAfter.push({ keys: keysOf(r.request().postDataJSON()), status: r.status() });
	});
	await page.reload();
	await expect(page.getByRole('group', { name: 'Amount keypad' })).toBeVisible();
	// The reloaded counter sends it again, with the same key, without waiting for the lease of the page that went.
	await expect.poll(() => sentAfter, SOON).toEqual([{ keys: sentBefore, status: 200 }]);
	await expect(page.getByTestId('network-state')).toContainText('Online');
	await expect(page.getByTestId('queued-count')).toHaveCount(0);
	// The server gave the first request's answer: paid once.
	expect(await api.balance(server.url, carol)).toBe(before - 420);
});
