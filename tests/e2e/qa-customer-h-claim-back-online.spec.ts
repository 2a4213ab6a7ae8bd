/**
 * A friend's share link opened where the phone had no network (a lift, a basement, the chat opened on the metro)
 * said "Could not reach the server … Try again", and went on saying it once the network was back: the friend had to
 * notice that the page would not come by itself. The wallet and the history read again when the network returns;
 * the offer's page now does too, for share links and posters' claim links alike.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { failFirstReads, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

test('a share link opened offline shows the offer by itself once the network is back', async ({ page, server }) => {
	const alice = await api.customerToken(server.url, 'alice', '1111');
	const five = (await api.coupons(server.url, alice)).find((c) => c.state === 'available' && c.rule.kind === 'fixed')!; // ¥5 off, the shareable one
	const token = await api.shareCoupon(server.url, alice, five.id);

	// The read of the offer fails as it does without a network.
	await failFirstReads(page, `**/api/shares/${token}`, 1);
	await page.goto(`/claim/s/${token}`);
	await expect(page.getByText('Could not reach the server')).toBeVisible();
	await screenshot(page, 'qa-customer-h-claim-offline');

	await page.context().setOffline(true);
	await page.context().setOffline(false);
	await expect(page.getByText('alice offers you a coupon')).toBeVisible();
	await expect(page.getByText('Could not reach the server')).toBeHidden();
	await screenshot(page, 'qa-customer-h-claim-back-online');
});
