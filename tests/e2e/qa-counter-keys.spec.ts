/**
 * The counter's keyboard, as a cashier with a keyboard or a numeric keypad uses it, and Today's search.
 *
 * A comma groups thousands in yuan ("1,250"): the counter took it for the decimal point, and "1,250" charged ¥1.25,
 * while the refund field read the same "1,250" as ¥1,250.00. On the decline screen every key was dropped without a
 * sign: Escape did not cancel, and the next customer's amount could not be keyed there. Today's search looked in the
 * raw payment id, whose time part every sale of the day shares: a piece of it found them all.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE, TABLET } from './support/browser';
import { newCustomer, topUp, uniqueHandle } from './support/customers';
import { countShakes, openCounterSignedIn, scanWithHandheld, screenshot } from './support/pages';

test.use({ viewport: TABLET });

test('"1,250" typed on the keyboard is ¥1,250.00: the comma groups thousands, as in the refund field', async ({ page, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('comma'), 200_000);
	await openCounterSignedIn(page, server.url);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const display = page.getByTestId('amount-display');
	const shakes = await countShakes(page);
	await page.keyboard.type('1,250', { delay: 80 });
	await expect(display).toHaveText('¥1250');
	// The money line says the sum the keys made, as it does for any amount that reads otherwise.
	await expect(page.getByTestId('amount-formatted')).toHaveText('¥1,250.00');
	// A grouping comma is no mistake: the amount does not shake at it.
	expect(await shakes()).toBe(0);
	await screenshot(page, 'counter-comma-typed');
	// A comma after the point is no decimal either: the amount stays.
	await page.keyboard.type('.5,', { delay: 80 });
	await expect(display).toHaveText('¥1250.5');

	await scanWithHandheld(page, await api.payCode(server.url, customer));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥1,250.50');
	expect(await api.balance(server.url, customer)).toBe(200_000 - 125_050);
});

test('on the decline screen, Escape cancels the sale and a digit starts the next one, from the keyboard', async ({ page, server }) => {
	const broke = await newCustomer(server.url, uniqueHandle('broke'), 0);
	const payer = await newCustomer(server.url, uniqueHandle('payer'), 10_000);
	await openCounterSignedIn(page, server.url);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const display = page.getByTestId('amount-display');
	const declined = page.getByTestId('charge-declined');

	await page.keyboard.type('30');
	await scanWithHandheld(page, await api.payCode(server.url, broke));
	await expect(declined.getByTestId('decline-reason')).toHaveText('Balance too low for this amount.');
	// The focus is on the screen's first button, as the decline put it there: the keys reach the counter all the same.
	await expect(declined.getByRole('button', { name: 'Scan a new code' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(declined).toBeHidden();
	await expect(display).toHaveText('¥0');
	await expect(page.getByTestId('pending-code')).toBeHidden();

	// Declined again; the next customer's amount keyed straight away, as on the "Payment received" screen.
	await page.keyboard.type('40');
	await scanWithHandheld(page, await api.payCode(server.url, broke));
	await expect(declined.getByTestId('decline-reason')).toHaveText('Balance too low for this amount.');
	await page.keyboard.type('7.5', { delay: 80 });
	await expect(declined).toBeHidden();
	await expect(display).toHaveText('¥7.5');
	await scanWithHandheld(page, await api.payCode(server.url, payer));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥7.50');
	expect(await api.balance(server.url, payer)).toBe(10_000 - 750);
});

test('a new code scanned on the decline screen still charges the declined amount: its first digit is no new sale', async ({ page, server }) => {
	const customer = await newCustomer(server.url, uniqueHandle('short'), 1_000);
	await openCounterSignedIn(page, server.url);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const declined = page.getByTestId('charge-declined');
	await page.keyboard.type('25');
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	await expect(declined.getByTestId('decline-reason')).toHaveText('Balance too low for this amount.');
	await screenshot(page, 'counter-keys-declined');

	// The customer adds money and shows a new code: the scanner's digits reach the page before its Enter.
	await topUp(server.url, customer, 2_000);
	await scanWithHandheld(page, await api.payCode(server.url, customer));
	await expect(page.getByTestId('charge-result').getByTestId('charged')).toHaveText('¥25.00');
	expect(await api.balance(server.url, customer)).toBe(3_000 - 2_500);
});

test('a decline given up is gone: a code scanned after it starts a sale of its own, not charged the declined amount', async ({ page, server }) => {
	const broke = await newCustomer(server.url, uniqueHandle('broke'), 0);
	const next = await newCustomer(server.url, uniqueHandle('next'), 10_000);
	await openCounterSignedIn(page, server.url);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const declined = page.getByTestId('charge-declined');
	await page.keyboard.type('30');
	await scanWithHandheld(page, await api.payCode(server.url, broke));
	await expect(declined).toBeVisible();
	// Left by a key, then a quick amount, then declined again, and that sale given up with Escape.
	await page.keyboard.press('4');
	await expect(declined).toBeHidden();
	await page.getByRole('button', { name: '¥20', exact: true }).click();
	const field = page.getByLabel('Or type the code');
	await field.fill(await api.payCode(server.url, broke));
	await field.press('Enter');
	await expect(declined).toBeVisible();
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('Escape');
	await expect(declined).toBeHidden();

	// The next customer's code: it waits for their amount, and nothing is charged to them.
	await scanWithHandheld(page, await api.payCode(server.url, next));
	await expect(page.getByTestId('pending-code')).toBeVisible();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
	await expect(declined).toBeHidden();
	await page.waitForTimeout(500); // a charge, were one sent, would have its answer by now
	expect(await api.balance(server.url, next)).toBe(10_000);
});

test('in Chinese on a phone, the decline screen takes Escape too', async ({ page, server }) => {
	await page.setViewportSize(PHONE);
	const broke = await newCustomer(server.url, uniqueHandle('broke'), 0);
	await openCounterSignedIn(page, server.url);
	await page.getByRole('button', { name: /Switch language to/ }).click();
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.type('1,250', { delay: 80 });
	await expect(page.getByTestId('amount-display')).toHaveText('¥1250');
	await screenshot(page, 'counter-comma-typed-zh');
	await scanWithHandheld(page, await api.payCode(server.url, broke));
	const declined = page.getByTestId('charge-declined');
	await expect(declined.getByTestId('decline-reason')).toBeVisible();
	await screenshot(page, 'counter-keys-declined-zh');
	await page.keyboard.press('Escape');
	await expect(declined).toBeHidden();
	await expect(page.getByTestId('amount-display')).toHaveText('¥0');
});

test('Today’s search: an amount finds its sale, a piece of the ids’ time finds none, a pasted id and a reference find theirs', async ({ page, server }) => {
	// The handle's random part may hold "73" itself (1 in 37): then all three rows matched the search for it.
	let handle = uniqueHandle('search');
	while (handle.includes('73')) handle = uniqueHandle('search');
	const customer = await newCustomer(server.url, handle, 10_000);
	const cashier = await api.cashierSession(server.url);
	const ids: Record<number, string> = {};
	// Amounts without a "73" but the first's. Other tests' sales share this file's server (a customer "short-73fa07cb"
	// made three rows match "73"), so what is counted below is this test's own rows, picked out by their ids.
	for (const amount of [6_173, 308, 409]) {
		const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, customer), amount);
		expect(paid.status).toBe(201);
		ids[amount] = paid.data.payment.id;
	}
	await openCounterSignedIn(page, server.url);
	await page.getByRole('link', { name: 'Today' }).click();
	const rows = page.locator('tbody tr[data-payment-id]');
	const ours = page.locator(Object.values(ids).map((id) => `tbody tr[data-payment-id="${id}"]`).join(', '));
	const search = page.getByRole('searchbox');
	await expect(ours).toHaveCount(3);

	await search.fill('73');
	await expect(ours).toHaveCount(1);
	await expect(ours.first()).toHaveAttribute('data-payment-id', ids[6_173]);

	// The id's time part ("0mxa…"), the same in every sale of the day: typed, it found them all.
	const timePart = ids[308].split('_')[1].slice(0, 3);
	expect(ids[409].split('_')[1].slice(0, 3)).toBe(timePart);
	await search.fill(timePart);
	await expect(ours).toHaveCount(0);
	// A search nothing matches says so (asked with words no sale of any test has).
	await search.fill('no such sale');
	await expect(page.getByText('No payment matches your search.')).toBeVisible();
	await expect(rows).toHaveCount(0);

	// A whole id, pasted (from a support message, a log), finds its sale.
	await search.fill(ids[308]);
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-payment-id', ids[308]);
	// And the reference the customer reads out, as ever.
	const reference = ids[409].replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase();
	await search.fill(reference);
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-payment-id', ids[409]);
});
