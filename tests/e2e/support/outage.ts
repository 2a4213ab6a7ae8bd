/** The counter's usual outage for a test: a sale paid online first, then one queued with the network gone. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import * as api from './api';
import { newCustomer, uniqueHandle } from './customers';
import { scanWithHandheld } from './pages';

/**
 * On a counter already open on `page`: a ¥3 sale paid online (so the offline banner has a last contact with the
 * server to name), then the network gone and an ¥8 sale queued; the page is left on its "Queued" outcome.
 */
export async function queueSaleInOutage(page: Page, ctx: BrowserContext, serverUrl: string): Promise<void> {
	const paidBefore = await newCustomer(serverUrl, uniqueHandle('before'), 50_000);
	const customer = await newCustomer(serverUrl, uniqueHandle('outage'), 50_000);
	await page.keyboard.press('3');
	await scanWithHandheld(page, await api.payCode(serverUrl, paidBefore));
	await expect(page.getByTestId('charge-result')).toBeVisible();
	const code = await api.payCode(serverUrl, customer);
	await ctx.setOffline(true);
	await page.keyboard.press('8');
	await scanWithHandheld(page, code);
	await expect(page.getByTestId('charge-queued')).toBeVisible();
}
