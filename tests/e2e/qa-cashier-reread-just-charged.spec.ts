/**
 * QA review, a busy counter with a handheld scanner: the code just charged read a second time (a stand scanner
 * re-reading the phone, a trigger pressed twice), the scanner typing 10 ms a key. When the charge's answer came while
 * the second read was being typed, its first digits fell while the charge was on its way (the counter takes no key
 * then) and the rest on "Payment received": the first of those left the result for a next sale, and the code was then
 * taken as that sale's ("Code received •••• 7123 · Enter the amount, then charge.") while the customer's phone said
 * "Paid ¥2.00". Keyed and charged again, it was declined as already paid here. Offline, the code read again over
 * "Queued — not yet paid" wiped the queued sale from the screen the same way. Now the read brings the outcome back,
 * as if none of its digits had been typed, and nothing more is charged: the next sale starts clean.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { storedOutbox } from './support/outbox';
import { holdRequests, openCounterSignedIn, pacedScanner, scanWithHandheld as scan, screenshot } from './support/pages';

for (const viewport of [TABLET, PHONE]) {
	test(`the code read again as its charge's answer lands leaves "Payment received" up, and charges nothing more (${viewport.width}px)`, async ({ page, server }) => {
		await page.setViewportSize(viewport);
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		await openCounterSignedIn(page, server.url);
		const release = await holdRequests(page, '**/api/payments');

		await page.keyboard.type('2');
		const code = await api.payCode(server.url, bob);
		await scan(page, code);
		await expect(page.getByText('Charging ¥2.00…')).toBeVisible();

		// The second read: half its digits while the charge is on its way, the rest once its answer is on screen.
		const scanner = await pacedScanner(page);
		await scanner([...code.slice(0, 9)]);
		await expect(page.getByText('Charging ¥2.00…')).toBeVisible();
		release();
		const result = page.getByTestId('charge-result');
		await expect(result.getByTestId('charged')).toHaveText('¥2.00');
		await scanner([...code.slice(9), 'Enter']);

		// The sale's result is still there, and its code was not taken for a next sale.
		await expect(result).toContainText('Payment received');
		await expect(result.getByTestId('charged')).toHaveText('¥2.00');
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
		await screenshot(page, `qa-reread-as-answer-lands-${viewport.width}`);
		expect(await api.balance(server.url, bob)).toBe(before - 200);

		// The next customer's amount: no code is waiting for it (the last one's would be declined as paid already).
		await page.keyboard.type('3');
		await expect(page.getByTestId('amount-display')).toHaveText('¥3');
		await expect(page.getByTestId('scan-hint')).toHaveText('Now scan the customer’s code.');
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
		expect(await api.balance(server.url, bob)).toBe(before - 200);
	});

	test(`offline, the code of the sale just queued read again leaves "Queued — not yet paid" up, and the sale is paid once back online (${viewport.width}px)`, async ({ browser, server }) => {
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		await ctx.setOffline(true);
		await expect(page.getByTestId('network-state')).toContainText('Offline');

		await page.keyboard.type('2');
		const code = await api.payCode(server.url, bob);
		await scan(page, code);
		const queued = page.getByTestId('charge-queued');
		await expect(queued).toContainText('Queued — not yet paid');
		await expect(queued).toContainText('¥2.00');

		await scan(page, code);
		await expect(queued).toContainText('Queued — not yet paid');
		await expect(queued).toContainText('¥2.00');
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
		await screenshot(page, `qa-reread-queued-${viewport.width}`);
		expect(await storedOutbox(page)).toHaveLength(1);

		// Still followed: sent once the network is back, its answer takes the queued sale's place on screen.
		await ctx.setOffline(false);
		await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥2.00');
		await expect.poll(() => api.balance(server.url, bob)).toBe(before - 200);

		await page.keyboard.type('3');
		await expect(page.getByTestId('scan-hint')).toBeVisible();
		await expect(page.getByTestId('pending-code')).toHaveCount(0);
		await ctx.close();
	});
}
