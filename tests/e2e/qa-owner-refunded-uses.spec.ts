/**
 * A sale with a coupon, refunded in full: the Day report says "1 · 1 refunded in full" for the campaign, and the
 * campaign's own page says Redeemed 0, with nothing on either page to say why the two differ. Each page now says what
 * it counts: the Day report every use made that day, the campaign's page only the uses still standing.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { TABLET } from './support/browser';
import { captureBoth, openCounterSignedIn } from './support/pages';

test.use({ viewport: TABLET });

test('the Day report and the campaign page each say how they count a use refunded in full', async ({ page, server }) => {
	const cashier = await api.cashierSession(server.url);
	const bob = await api.customerToken(server.url, 'bob', '2222');
	const coupon = (await api.coupons(server.url, bob)).find((c) => c.rule.kind === 'threshold' && c.state === 'available')!;
	const paid = await api.pay(server.url, cashier.token, await api.payCode(server.url, bob, coupon.id), 6000);
	expect(paid.status).toBe(201);

	await openCounterSignedIn(page, server.url, 'demo-cafe', 'owner', '9999');
	await page.getByRole('link', { name: 'Day report' }).click();
	await expect(page.getByTestId('by-campaign-title')).toHaveText(coupon.title);
	// No note while no use was refunded in full.
	await expect(page.getByTestId('uses-refunded-note')).toHaveCount(0);

	await api.refund(server.url, cashier.token, paid.data.payment.id);
	await page.reload();
	await expect(page.getByTestId('uses-refunded')).toHaveText('1 refunded in full');
	await expect(page.getByTestId('uses-refunded-note')).toHaveText(
		'Uses count every sale made with the coupon that day. One refunded in full gave the coupon back to the customer: the campaign’s own page no longer counts it, nor its saving.'
	);
	await captureBoth(page, 'qa-owner-refunded-uses-day');

	await page.getByRole('link', { name: 'Manage' }).click();
	await page.getByRole('listitem').filter({ hasText: coupon.title }).getByRole('link', { name: 'Figures' }).click();
	await expect(page.getByTestId('stat-redeemed')).toHaveText('0');
	await expect(page.getByTestId('stats-refunds-note')).toContainText('A sale refunded in full is not counted here');
	await expect(page.getByTestId('stats-refunds-note')).toContainText('The Day report still counts it on the day it was used, as “refunded in full”.');
	await captureBoth(page, 'qa-owner-refunded-uses-campaign');

	await page.getByRole('button', { name: /简体中文/ }).click();
	await expect(page.getByTestId('stats-refunds-note')).toContainText('全额退款的销售不计入此处');
});
