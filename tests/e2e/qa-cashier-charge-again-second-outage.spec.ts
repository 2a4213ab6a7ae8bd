/**
 * The shop's Wi-Fi drops at lunch, comes back, and drops again. A sale from the first outage was declined when it was
 * sent (the wallet was short), and the customer comes back to the counter during the second one. "Charge again" with
 * their fresh code only queued the charge ("Charged again: Queued — not yet paid"), the entry left the list, the
 * customer left, and back online the charge was declined again for the same reason, with nobody left to ask. Offline,
 * the form now says the charge would only be queued, and could be declined again after the customer has gone. It
 * points to cash, charges nothing, and keeps the entry. Once the network is back the same form charges at once.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE, TABLET } from './support/browser';
import { newCustomer, topUp, uniqueHandle } from './support/customers';
import { openCounterSignedIn, saleDeclinedAfterSync, screenshot } from './support/pages';

for (const viewport of [TABLET, PHONE]) {
	test(`Charge again in a second outage queues nothing and says why; back online it charges (${viewport.width}px)`, async ({ browser, server }) => {
		const customer = await newCustomer(server.url, uniqueHandle('short'), 100);
		const ctx = await browser.newContext({ viewport, baseURL: server.url, ...CONTEXT_DEFAULTS });
		const page = await ctx.newPage();
		await openCounterSignedIn(page, server.url);
		const { list, entry } = await saleDeclinedAfterSync(page, '12', await api.payCode(server.url, customer), { phone: viewport === PHONE });

		await ctx.setOffline(true);
		await expect(page.getByTestId('offline-banner')).toBeVisible();
		await entry.getByRole('button', { name: 'Charge again' }).click();
		const field = entry.getByLabel('Fresh code from the customer');
		await expect(field).toBeFocused();
		const warning = entry.getByTestId('charge-again-offline');
		await expect(warning).toHaveText(
			'No network: charged again now, the sale would only be queued, and could be declined again after the customer has gone. Take cash (Paid in cash), or charge again once the network is back.'
		);
		// A scanner's Enter in the field charges nothing: nothing queued, the entry still listed.
		await field.fill(await api.payCode(server.url, customer));
		await field.press('Enter');
		await expect(entry.getByRole('button', { name: 'Charge ¥12.00' })).toBeDisabled();
		await expect(page.getByTestId('queued-count')).toBeHidden();
		await expect(page.getByTestId('charged-again')).toBeHidden();
		await expect(entry).toHaveCount(1);
		await screenshot(page, `charge-again-offline-${viewport.width}`);

		// The network back (the customer topped up meanwhile): the warning goes and the same form charges at once.
		await topUp(server.url, customer, 5_000);
		await ctx.setOffline(false);
		await expect(warning).toBeHidden();
		await field.fill(await api.payCode(server.url, customer));
		await entry.getByRole('button', { name: 'Charge ¥12.00' }).click();
		await expect(page.getByTestId('charged-again')).toContainText('Paid ¥12.00');
		await expect(list).toBeHidden();
		expect(await api.balance(server.url, customer)).toBe(100 + 5_000 - 1_200);
		await ctx.close();
	});
}
