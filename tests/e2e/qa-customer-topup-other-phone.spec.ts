/**
 * One wallet signed in on two phones (a couple sharing it, a customer with a phone and a tablet). A payment made with
 * the one showed on the other at once, but money added on the one did not: the other kept the old balance until it was
 * hidden and shown again. The server now tells the wallet's live streams of the top-up, as it does a payment.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { CONTEXT_DEFAULTS, PHONE } from './support/browser';
import { liveStreamOpens, openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const yuan = (minor: number) => `¥${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function otherPhone(browser: Browser, base: string): Promise<Page> {
	const context = await browser.newContext({ ...CONTEXT_DEFAULTS, baseURL: base, viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await openCustomerSignedIn(page, base, 'carol', '3333');
	return page;
}

test('money added on one phone shows on the other phone of the same wallet at once', async ({ page, server, browser }) => {
	const live = liveStreamOpens(page);
	const carol = await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await live;
	const before = await api.balance(server.url, carol);
	await expect(page.getByTestId('balance')).toHaveText(yuan(before));

	const phone = await otherPhone(browser, server.url);
	await phone.getByRole('button', { name: 'Add money' }).first().click();
	const dialog = phone.getByRole('dialog', { name: 'Add money to your balance' });
	await dialog.getByRole('radio', { name: '¥200' }).check();
	await dialog.getByRole('button', { name: 'Add ¥200' }).click();
	await expect(dialog).toBeHidden();
	await expect(phone.getByTestId('balance')).toHaveText(yuan(before + 20_000));

	// The first phone stays on screen all along: no hiding and showing, no reload.
	await expect(page.getByTestId('balance')).toHaveText(yuan(before + 20_000));
	await screenshot(page, 'qa-customer-topup-other-phone');
	await phone.context().close();
});
