/**
 * The counter offline, at a busy moment: the same code charged twice is refused while the customer
 * is still there (read twice over its queued sale, it is that sale, which stays on screen); the next customer's code, scanned while "queued" is still on screen, starts their
 * sale; over an offline cap the next key starts a new amount; and a cashier signing out with
 * payments unsent is asked first, since they are sent only while someone is signed in.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, TABLET } from './support/browser';
import { controlledByWorker, keyAmount, openCounterSignedIn, scanWithHandheld as scan, screenshot } from './support/pages';


test('offline at the counter: no code twice, scans move on, caps retype, sign-out asks first', async ({ browser, server }) => {
	const [alice, bob, carol] = await Promise.all([
		api.customerToken(server.url, 'alice', '1111'),
		api.customerToken(server.url, 'bob', '2222'),
		api.customerToken(server.url, 'carol', '3333')
	]);
	const [aliceCode, bobCode, carolCode] = await Promise.all([api.payCode(server.url, alice), api.payCode(server.url, bob), api.payCode(server.url, carol)]);
	// With its service worker, as installed: the other screens of the app open offline too.
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS, serviceWorkers: 'allow' });
	const tablet = await ctx.newPage();
	const cashierToken = await openCounterSignedIn(tablet, server.url);
	await controlledByWorker(tablet);

	await ctx.setOffline(true);
	await expect(tablet.getByTestId('network-state')).toContainText('Offline');
	await keyAmount(tablet, '7');
	await scan(tablet, aliceCode);
	const queued = tablet.getByTestId('charge-queued');
	await expect(queued).toContainText('Queued — not yet paid');

	// Alice's code scanned again, straight from the queued screen (a scanner reading it twice): the same sale, which
	// stays on screen, its code not taken for a next one (QA review: it was wiped, the code waiting for an amount).
	await scan(tablet, aliceCode);
	await expect(queued).toContainText('¥7.00');
	await expect(tablet.getByTestId('pending-code')).toHaveCount(0);
	// Scanned for a new amount, it is a new sale, and is refused (the code is dropped, not left waiting for a charge).
	await keyAmount(tablet, '8');
	await expect(queued).toBeHidden();
	await scan(tablet, aliceCode);
	// It names the sale already queued and says not to charge it again: told only to ask for a fresh code, a cashier
	// charged the customer's fresh code, and the customer paid twice (cashier review).
	await expect(tablet.getByText(/^This code’s sale is already queued on this tablet: ¥7\.00, taken at \d\d:\d\d, charged when the network returns\. Don’t charge it again/)).toBeVisible();
	await expect(tablet.getByTestId('pending-code')).toBeHidden();
	await screenshot(tablet, 'offline-code-twice');

	// Bob's code, scanned while the refusal is up, is charged the amount on screen.
	await scan(tablet, bobCode);
	await expect(queued).toContainText('Queued — not yet paid');
	await expect(queued).toContainText('¥8.00');
	// "Next customer" has the focus, as on the paid screen.
	await expect(queued.getByRole('button', { name: 'Next customer' })).toBeFocused();
	// It is worded by its cause: no network.
	await expect(queued).toContainText('No network: ¥8.00 is saved on this tablet');
	// Keying an amount there starts the next sale with that key (Escape clears it again).
	await tablet.keyboard.press('6');
	await expect(queued).toBeHidden();
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥6');
	await tablet.keyboard.press('Escape');
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥0');

	// Carol's 600.00 is over the 500.00 offline cap; the next key starts a new amount at once.
	await scan(tablet, carolCode);
	await expect(queued).toBeHidden();
	await keyAmount(tablet, '600');
	await tablet.getByRole('button', { name: 'Charge ¥600.00' }).click();
	await expect(tablet.getByText('Payment not taken')).toBeVisible();
	await screenshot(tablet, 'offline-over-cap');
	await keyAmount(tablet, '5');
	await expect(tablet.getByTestId('amount-display')).toHaveText('¥5');
	await expect(tablet.getByText('Payment not taken')).toBeHidden();
	await expect(tablet.getByTestId('queued-count')).toHaveText('2 queued');
	// Carol's code is still taken: charged for the new amount, it is the third queued payment.
	await expect(tablet.getByTestId('pending-code')).toContainText(carolCode.slice(-4));
	await tablet.getByRole('button', { name: 'Charge ¥5.00' }).click();
	await expect(queued).toContainText('¥5.00');
	await queued.getByRole('button', { name: 'Next customer' }).click();
	await expect(tablet.getByTestId('queued-count')).toHaveText('3 queued');

	// Signing out now would strand the three: the cashier is asked, and stays.
	await tablet.getByRole('button', { name: 'Sign out' }).click();
	const ask = tablet.getByRole('dialog', { name: 'Payments not sent yet' });
	await expect(ask).toContainText('3 payments taken offline are still on this tablet');
	await screenshot(tablet, 'signout-unsent');
	await ask.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(ask).toBeHidden();

	// Today's list cannot load offline: it says so calmly (not as an error with a Try again that cannot help), and
	// does not claim there were no payments.
	await tablet.getByRole('link', { name: 'Today' }).click();
	await expect(tablet.getByText('Offline: today’s list loads by itself when the tablet is back online.')).toBeVisible();
	await expect(tablet.getByText('Could not reach the server.')).toBeHidden();
	await expect(tablet.getByText('No payments yet today.')).toBeHidden();
	await expect(tablet.getByText(/0 paid/)).toBeHidden();
	// The three sales taken offline are there, waiting to be sent, and their sum is told apart.
	await expect(tablet.getByTestId('waiting-row')).toHaveCount(3);
	await expect(tablet.getByTestId('waiting-row').first()).toContainText('Queued');
	await expect(tablet.getByTestId('waiting-summary')).toContainText('3 sales (¥20.00) taken offline wait on this tablet to be sent');
	await screenshot(tablet, 'today-offline-waiting');

	// Back online, the three are paid once each, the list loads by itself, and only then does
	// sign-out go straight through.
	await ctx.setOffline(false);
	await expect(tablet.getByTestId('queued-count')).toBeHidden();
	await expect(tablet.getByText(/3 paid · shop receives ¥20\.00/)).toBeVisible();
	for (const who of ['alice', 'bob', 'carol']) await expect(tablet.getByRole('row', { name: new RegExp(who) })).toBeVisible();
	await expect(tablet.getByTestId('waiting-row')).toHaveCount(0);
	const res = await fetch(`${server.url}/api/payments?limit=50`, { headers: { Authorization: `Bearer ${cashierToken}` } });
	const payments = ((await res.json()) as { payments: { customerHandle: string; status: string; amount: { amount: number } }[] }).payments;
	expect(payments.map((p) => [p.customerHandle, p.status, p.amount.amount]).sort()).toEqual([
		['alice', 'succeeded', 700],
		['bob', 'succeeded', 800],
		['carol', 'succeeded', 500]
	]);
	await tablet.getByRole('button', { name: 'Sign out' }).click();
	await expect(tablet.getByRole('dialog')).toBeHidden();
	await expect(tablet.getByRole('button', { name: 'Sign in' })).toBeVisible();
	await ctx.close();
});

test('offline, the banner says when the server last answered this tablet, though it has sent no sale yet', async ({ browser, server }) => {
	// Its last contact was only ever a sale's answer or a sync: a tablet that had read Today since its last sale named
	// that sale's time, and one that had sold nothing named none. The counter's own reads count now.
	const ctx = await browser.newContext({ viewport: TABLET, baseURL: server.url, ...CONTEXT_DEFAULTS });
	const tablet = await ctx.newPage();
	await openCounterSignedIn(tablet, server.url, 'demo-cafe', 'owner', '9999');
	await tablet.getByRole('link', { name: 'Today' }).click();
	await expect(tablet.getByTestId('payments-summary')).toBeVisible();
	await tablet.getByRole('link', { name: 'Counter' }).click();
	await ctx.setOffline(true);
	const banner = tablet.getByTestId('offline-banner');
	await expect(banner).toContainText('No network.');
	await expect(banner.getByText(/^Last contact with the server: \d{1,2}:\d{2}\.$/)).toBeVisible();
	await ctx.close();
});
