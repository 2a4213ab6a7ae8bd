/**
 * A customer on a slow network opens the wallet history, goes back before it has loaded, and adds money. The home
 * screen reads the history again for the phone to keep (with the money added); then the history screen's read, sent
 * before the top-up, answers at last, and it was kept over the newer copy: offline, the history no longer listed the
 * money just added. A read now replaces the kept copy only if it was sent no earlier than the copy's own read.
 */
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { newCustomer, uniqueHandle } from './support/customers';
import { PHONE } from './support/browser';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE });

interface KeptHistory {
	topUps: { id: string; amount: { amount: number } }[];
	savedAt: string;
}
const keptHistory = (page: Page) =>
	page.evaluate(() => {
		const key = Object.keys(localStorage).find((k) => k.startsWith('pos.customer-history.'));
		return key ? (JSON.parse(localStorage.getItem(key)!) as KeptHistory) : null;
	});
const isTopUpsRead = (url: URL) => url.pathname === '/api/wallet/topups';
const isHistoryRead = (url: URL) => isTopUpsRead(url) || url.pathname === '/api/payments' || url.pathname === '/api/wallet/refunds';

test('a history read sent before money was added, answering after a newer read, does not put back a kept copy without it', async ({ page, server }) => {
	const handle = uniqueHandle('older');
	await newCustomer(server.url, handle, 2_500);
	await openCustomerSignedIn(page, server.url, handle, '4826');
	await expect.poll(async () => (await keptHistory(page))?.topUps.length).toBe(1);

	// The history screen's read of the money added: the server answers it now, the answer is held on the way.
	let heldAnswer: (() => Promise<void>) | null = null;
	const handler = async (route: Route) => {
		if (heldAnswer || route.request().method() !== 'GET') return route.fallback();
		const response = await route.fetch();
		let deliver: () => void = () => undefined;
		const delivered = new Promise<void>((resolve) => (deliver = resolve));
		heldAnswer = async () => {
			await route.fulfill({ response });
			deliver();
		};
		await delivered;
	};
	await page.route(isTopUpsRead, handler);
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByRole('heading', { name: 'Wallet history' })).toBeVisible();
	await expect.poll(() => heldAnswer !== null).toBe(true);

	// Back home, the customer adds ¥100; the home screen has the history read again and keeps it, with the top-up.
	await page.getByRole('link', { name: 'Back' }).click();
	await page.getByRole('button', { name: 'Add money' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByRole('button', { name: 'Add ¥100.00' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('balance')).toHaveText('¥125.00');
	await expect.poll(async () => (await keptHistory(page))?.topUps.length).toBe(2);

	// The older read's answer arrives, and that read goes on to its end (the refunds).
	const finished = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/wallet/refunds');
	await heldAnswer!();
	await finished;
	expect(await page.evaluate(() => fetch('/api/health').then((r) => r.status))).toBe(200);
	expect((await keptHistory(page))?.topUps.map((t) => t.amount.amount)).toEqual([10_000, 2_500]);

	// What the customer sees of it: offline, the history lists the money just added.
	await page.unroute(isTopUpsRead, handler);
	await page.route(isHistoryRead, (route) => route.abort('internetdisconnected'));
	await page.getByRole('link', { name: 'Wallet history' }).click();
	await expect(page.getByTestId('history-offline')).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Money added' }).filter({ hasText: '¥100.00' })).toBeVisible();
	await screenshot(page, 'qa-customer-history-older-read');
});
