/**
 * A payment taken offline with a code that had already expired when it was scanned: declined when
 * the tablet syncs, listed for the cashier with the reason in plain words, and settled by the
 * cashier (in cash, with a note; or, the customer gone, as not paid), after which it leaves the list. Never dropped
 * silently.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { keyAmount, openCounterSignedIn, screenshot } from './support/pages';

// Codes live 2 s here, so one can expire before the cashier scans it.
test.use({ serverEnv: { PAYCODE_TTL_MS: '2000' } });

for (const viewport of [TABLET, PHONE]) {
	test(`a code expired before its scan is declined at sync and listed for the cashier (${viewport.width}px)`, async ({ browser, server }) => {
		const bob = await api.customerToken(server.url, 'bob', '2222');
		const before = await api.balance(server.url, bob);
		const code = await api.payCode(server.url, bob);

		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		await ctx.setOffline(true);
		await page.waitForTimeout(2_500); // the code expires before the scan below
		await keyAmount(page, '6');
		const field = page.getByLabel('Or type the code');
		await field.fill(code);
		await field.press('Enter');
		await expect(page.getByTestId('charge-queued')).toContainText('Queued — not yet paid');
		await screenshot(page, 'offline-queued');
		const barHeight = async () => (await page.getByRole('banner').boundingBox())?.height;
		const barWhileQueued = await barHeight();
		await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();

		await ctx.setOffline(false);
		const list = page.getByTestId('declined-after-sync');
		await expect(list).toBeVisible();
		const entry = list.getByTestId('declined-entry');
		await expect(entry).toHaveCount(1);
		await expect(entry).toContainText('¥6.00');
		await expect(entry.getByTestId('declined-reason')).toHaveText('This code was put away, replaced or expired on the customer’s phone.');
		// The queue went, and what went was declined: on the counter the list right under the bar says so, and the news
		// of the queue, which would only repeat it, is read out but not shown (no check mark over a decline).
		await expect(page.getByTestId('queue-sent-unseen')).toHaveText('1 queued sale sent: declined');
		await expect(page.getByTestId('queue-sent-notice')).toBeHidden();
		expect(await barHeight()).toBe(barWhileQueued);
		await screenshot(page, 'offline-declined');
		// On Today the news shows, under the bar, not in it: the bar keeps its height, the nav does not jump to a
		// second line.
		await page.getByRole('link', { name: 'Today' }).click();
		await expect(page.getByTestId('queue-sent')).toHaveText('1 queued sale sent: declined');
		expect(await barHeight()).toBe(barWhileQueued);
		// Nor does it cover the bar's buttons (on a phone, Sign out and the language sit right under the pill).
		const notice = (await page.getByTestId('queue-sent').boundingBox())!;
		for (const name of ['Sign out', /Switch language/]) {
			const button = (await page.getByRole('button', { name }).boundingBox())!;
			const apart = notice.x + notice.width <= button.x || button.x + button.width <= notice.x || notice.y + notice.height <= button.y || button.y + button.height <= notice.y;
			expect(apart, `the notice covers ${name}`).toBe(true);
		}
		await screenshot(page, 'offline-declined-today');
		await page.getByRole('link', { name: 'Counter' }).click();
		await expect(entry).toHaveCount(1);
		expect(await api.balance(server.url, bob)).toBe(before);
		if (viewport === TABLET) {
			// The list sits above the keypad, and the tablet's whole counter still fits its screen: the next
			// sale is keyed without scrolling.
			await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
		}

		if (viewport === PHONE) {
			// Shown, the entry would push the keypad's last row below a 390x844 phone's edge: the list is folded to its
			// line, the keypad whole under it, and Show opens it.
			await expect(entry).toBeHidden();
			await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
			await list.getByRole('button', { name: 'Show', expanded: false }).click();
			// The customer paid in cash instead: noted, and the entry leaves the list.
			await entry.getByRole('button', { name: 'Paid in cash' }).click();
			await expect(entry.getByLabel('Note')).toBeFocused();
			await entry.getByRole('button', { name: 'Mark as paid in cash' }).click();
			await expect(entry.getByRole('alert')).toContainText('Write a short note');
			await entry.getByLabel('Note').fill('Took ¥6 in cash');
			// The cash is recorded on the server, for the shop's reports: with no network it is not, and says so.
			await ctx.setOffline(true);
			await entry.getByRole('button', { name: 'Mark as paid in cash' }).click();
			await expect(entry.getByRole('alert')).toContainText('Could not reach the server to record the cash');
			await ctx.setOffline(false);
			await entry.getByRole('button', { name: 'Mark as paid in cash' }).click();
			await expect(list).toBeHidden();
			expect(await api.balance(server.url, bob)).toBe(before);

			// The day report counts the cash in the till; today's list marks the declined sale as paid in cash.
			await page.getByRole('link', { name: 'Day report' }).click();
			await expect(page.getByTestId('report-paid-in-cash')).toHaveText('1 paid in cash after a decline: ¥6.00');
			await screenshot(page, 'report-paid-in-cash');
			await page.getByRole('link', { name: 'Today' }).click();
			await expect(page.getByTestId('paid-in-cash')).toHaveText(['Paid in cash afterwards']);
			await screenshot(page, 'payments-paid-in-cash');
		} else {
			// The customer shows a fresh code: the same amount is charged, once, and the entry leaves the list.
			// With a handheld scanner: the form's field has the focus, the scan types into it and its Enter charges.
			await entry.getByRole('button', { name: 'Charge again' }).click();
			await expect(entry.getByLabel('Fresh code from the customer')).toBeFocused();
			await page.keyboard.type(await api.payCode(server.url, bob));
			await page.keyboard.press('Enter');
			await expect(page.getByTestId('charged-again')).toHaveText('Charged bob again: Paid ¥6.00');
			await expect(list).toBeHidden();
			// Charged again, the sale is the next one: the news of the queue goes with it.
			await expect(page.getByTestId('queue-sent')).toBeHidden();
			await screenshot(page, 'offline-charged-again');
			expect(await api.balance(server.url, bob)).toBe(before - 600);
			// The next sale begins: the old news goes.
			await keyAmount(page, '3');
			await expect(page.getByTestId('charged-again')).toBeHidden();

			// The network drops again, and that ¥3 sale is queued with a code that names no one: declined at the sync,
			// and the customer has gone. "Not paid — customer left" takes it off the list with no cash made up for it.
			await ctx.setOffline(true);
			await field.fill('880000000000000399');
			await field.press('Enter');
			await expect(page.getByTestId('charge-queued')).toContainText('Queued — not yet paid');
			await page.getByTestId('charge-queued').getByRole('button', { name: 'Next customer' }).click();
			await ctx.setOffline(false);
			await expect(entry).toHaveCount(1);
			await expect(entry).toContainText('¥3.00');
			// One button for cash or not, in the row (a third one pushed the keypad under a landscape tablet's edge).
			await expect(entry.getByRole('button')).toHaveText(['Correct the code', 'Paid in cash / not paid']);
			await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
			await entry.getByRole('button', { name: 'Paid in cash / not paid' }).click();
			await expect(entry.getByLabel('Note')).toBeFocused();
			await screenshot(page, 'offline-declined-cash-or-not');
			// It is noted on the server, for the reports: with no network it is not, the entry stays, and the form says so.
			await ctx.setOffline(true);
			await entry.getByRole('button', { name: 'Not paid — customer left' }).click();
			await expect(entry.getByRole('alert')).toContainText('No network: a sale not paid is noted on the server');
			await expect(entry).toHaveCount(1);
			await ctx.setOffline(false);
			await entry.getByLabel('Note').fill('Walked out');
			await entry.getByRole('button', { name: 'Not paid — customer left' }).click();
			await expect(list).toBeHidden();
			await expect(page.getByTestId('not-paid-done')).toHaveText('Not paid: ¥3.00 taken off the list. The reports count it as not paid, not as cash.');
			await screenshot(page, 'offline-not-paid-done');

			// The day report counts it apart, and no cash: the till's figure holds none of it.
			await page.getByRole('link', { name: 'Day report' }).click();
			await expect(page.getByTestId('report-not-paid')).toHaveText('1 not paid after a decline, the customer left (not in the till): ¥3.00');
			await expect(page.getByTestId('report-paid-in-cash')).toBeHidden();
			// By cashier names who wrote it off, for the owner to ask: a line of its own, after the till's cash.
			const mine = page.getByTestId('report-by-cashier').locator('[data-cashier="cashier-1"]');
			await expect(mine.locator('[data-by="not-paid"]')).toHaveText('¥3.00');
			await expect(mine).toContainText('Not paid after a decline: customer left (1)');
			await screenshot(page, 'report-not-paid');
			// Today marks the declined sale, and its detail says who noted it, when, and the note; no "Paid in cash" for it.
			await page.getByRole('link', { name: 'Today' }).click();
			await expect(page.getByTestId('not-paid')).toHaveText(['Not paid: customer left']);
			const row = page.locator('tr[data-payment-id]').filter({ has: page.getByTestId('not-paid') });
			const paymentId = await row.getAttribute('data-payment-id');
			await row.getByRole('button', { name: /Details/ }).click();
			await expect(page.getByTestId('not-paid-note')).toContainText('by cashier-1: “Walked out”. Not in the till.');
			await expect(page.getByRole('button', { name: 'Paid in cash' })).toHaveCount(0);
			// Taking it back is a manager's: the cashier is not offered it.
			await expect(page.getByTestId('take-back-not-paid')).toHaveCount(0);
			await screenshot(page, 'payments-not-paid');

			// The customer comes back and pays: the owner, on this tablet, takes the "not paid" back (confirmed first),
			// and the detail offers Paid in cash again.
			await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
			await page.getByRole('link', { name: 'Today' }).click();
			await row.getByRole('button', { name: /Details/ }).click();
			await page.getByTestId('take-back-not-paid').click();
			await expect(page.getByRole('dialog')).toContainText('¥3.00 is no longer counted as not paid');
			await screenshot(page, 'payments-not-paid-take-back');
			await page.getByTestId('take-back-not-paid-confirm').click();
			await expect(page.getByRole('dialog')).toBeHidden();
			await expect(page.getByTestId('not-paid-note')).toBeHidden();
			await expect(page.getByRole('button', { name: 'Paid in cash' })).toBeVisible();
			await expect(page.getByTestId('not-paid')).toHaveCount(0);
			// The note is not lost: the detail says who wrote the sale off, why, and who took it back.
			await expect(page.getByTestId('not-paid-taken-back')).toHaveText(/^“Not paid” noted [\d:]+ by cashier-1 \(“Walked out”\), taken back [\d:]+ by owner\.$/);
			await screenshot(page, 'payments-not-paid-taken-back');

			// Noted not paid once more, and the day closed: the printed Z report counts it and stands as printed, so the
			// owner is offered no Take back (the server would refuse it) but told which Z report holds it.
			const owner = (await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999')).token;
			await api.created(server.url, owner, `/payments/${paymentId}/not-paid`, { note: '' });
			const z = await api.created<{ report: { number: number } }>(server.url, owner, '/reports/z', {});
			await page.reload();
			await row.getByRole('button', { name: /Details/ }).click();
			await expect(page.getByTestId('not-paid-closed')).toHaveText(`Counted in Z report ${z.report.number}: it can no longer be taken back.`);
			await expect(page.getByTestId('take-back-not-paid')).toHaveCount(0);
			await expect(page.getByTestId('not-paid-taken-back').getByRole('listitem')).toHaveCount(1);
			await screenshot(page, 'payments-not-paid-closed');
		}
		await ctx.close();
	});
}

test('over an offline limit the tablet refuses the payment and says why; nothing is queued', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	const code = await api.payCode(server.url, await api.customerToken(server.url, 'alice', '1111'));
	await ctx.setOffline(true);
	await keyAmount(page, '600');
	const field = page.getByLabel('Or type the code');
	await field.fill(code);
	await field.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: 'Payment not taken' })).toContainText(
		'Offline, one payment can be at most ¥500.00'
	);
	await expect(page.getByTestId('queued-count')).toBeHidden();
	// The refusal, the offline banner and the code column do not push the keypad off a 768-pixel screen: the
	// cashier keys a smaller amount at once.
	await expect(page.getByRole('button', { name: '00', exact: true })).toBeInViewport({ ratio: 1 });
	await screenshot(page, 'offline-refused');

	// OK leaves the refusal with the customer's code still taken (nothing used it): a smaller amount and Charge queue it.
	await page.getByRole('alert').filter({ hasText: 'Payment not taken' }).getByRole('button', { name: 'OK' }).click();
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
	await keyAmount(page, '60');
	await page.getByRole('button', { name: 'Charge ¥60.00' }).click();
	await expect(page.getByTestId('queued-count')).toBeVisible();
	await ctx.close();
});

test('a sale refused over the offline limit is charged as it is once the network is back: its amount and code wait for Charge', async ({ browser, server }) => {
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	const till = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	// ¥200.00 more on bob's wallet (¥500.00 at most, less what the file's other tests charged him), so ¥600.00 is his to pay.
	await api.created(server.url, till.token, '/topups', { code: await api.payCode(server.url, bob), amount: { amount: 20_000, currency: 'CNY' } });
	const before = await api.balance(server.url, bob);
	expect(before).toBeGreaterThanOrEqual(60_000);
	await openCounterSignedIn(page, server.url);
	const code = await api.payCode(server.url, bob);
	await ctx.setOffline(true);
	await keyAmount(page, '600');
	const field = page.getByLabel('Or type the code');
	await field.fill(code);
	await field.press('Enter');
	const refusal = page.getByRole('alert').filter({ hasText: 'Payment not taken' });
	await expect(refusal).toContainText('or wait for the network');
	const charge = page.getByRole('button', { name: 'Charge ¥600.00' });
	await expect(charge).toBeDisabled();

	// Back online: the refusal goes by itself, and Charge (greyed out and stuck before) takes the same sale.
	await ctx.setOffline(false);
	await expect(refusal).toHaveCount(0);
	await expect(page.getByTestId('pending-code')).toContainText(code.slice(-4));
	await expect(charge).toBeEnabled();
	await screenshot(page, 'offline-refused-online-again');
	await charge.click();
	await expect(page.getByTestId('charge-result')).toContainText('¥600.00');
	expect(await api.balance(server.url, bob)).toBe(before - 60_000);
	await ctx.close();
});

// Last in the file: it sets the shop's offline count to one (and sets it back), on the file's server.
test("over the offline count, OK keeps the sale's amount and code: the next key replaces the amount, and back online it is charged", async ({ browser, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const limit = async (countMax: number) => {
		const res = await fetch(`${server.url}/api/shop`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
			body: JSON.stringify({ offlineLimits: { countMax } })
		});
		expect(res.status).toBe(200);
	};
	await limit(1);
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const page = await ctx.newPage();
	await openCounterSignedIn(page, server.url);
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const carol = await api.customerToken(server.url, 'carol', '3333');
	const first = await api.payCode(server.url, alice);
	await ctx.setOffline(true);
	const field = page.getByLabel('Or type the code');
	await keyAmount(page, '7');
	await field.fill(first);
	await field.press('Enter');
	await expect(page.getByTestId('charge-queued')).toBeVisible();
	await page.getByRole('button', { name: 'Next customer' }).click();
	await keyAmount(page, '8');
	// Issued as it is read (this file's codes live two seconds): the keys before it may wait out the moment the offline
	// banner moved them (settle.ts).
	const second = await api.payCode(server.url, carol);
	await field.fill(second);
	await field.press('Enter');
	const refusal = page.getByRole('alert').filter({ hasText: 'Payment not taken' });
	await expect(refusal).toContainText('at most 1 payment not yet paid');
	await refusal.getByRole('button', { name: 'OK' }).click();
	// The amount was not what was refused: it stays, and the next key starts a new one rather than adding to it.
	await expect(page.getByTestId('amount-display')).toHaveText('¥8');
	await expect(page.getByTestId('pending-code')).toContainText(second.slice(-4));
	await page.keyboard.press('6');
	await expect(page.getByTestId('amount-display')).toHaveText('¥6');
	await page.getByRole('button', { name: 'Charge ¥6.00' }).click();
	await expect(refusal).toBeVisible();

	await ctx.setOffline(false);
	await expect(refusal).toHaveCount(0);
	await page.getByRole('button', { name: 'Charge ¥6.00' }).click();
	await expect(page.getByTestId('charge-result')).toContainText('¥6.00');
	await ctx.close();
	await limit(50);
});
