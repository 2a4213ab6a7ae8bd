/**
 * A 100% off coupon read "0折" in Chinese (pay 0 tenths: the 折 arithmetic, which no shop writes for "free"), on the
 * wallet card, on its claim link's offer and on the customer's result. It reads 全额减免 (with its cap kept:
 * 全额减免，最多减¥5); English keeps "100% off".
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

test('a 100% off coupon reads 全额减免 in Chinese on the wallet card and on its claim link, 100% off in English', async ({ page, server }) => {
	await grantCampaign(server.url, 'bob', { title: 'On the house', rule: { kind: 'percent', percent: 100, cap: 500 }, validUntil: inDays(3) });
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const card = page.locator('label.coupon').filter({ hasText: 'On the house' });
	await expect(card).toContainText('100% off, at most ¥5');
	await switchLanguage(page);
	await expect(card).toContainText('全额减免，最多减¥5');
	await expect(card).not.toContainText('0折');
	await screenshot(page, 'qa-customer-h-free-coupon-zh');
	await switchLanguage(page);

	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const post = (path: string, body: unknown) => api.created(server.url, owner.token, path, body);
	const { campaign } = await post('/campaigns', { title: 'Free coffee', rule: { kind: 'percent', percent: 100, cap: null }, validUntil: inDays(3) });
	const { link } = await post(`/campaigns/${campaign.id}/claim-links`, {});
	await page.goto(link.path);
	const offer = page.getByTestId('offer');
	await expect(offer).toContainText('100% off');
	await switchLanguage(page);
	await expect(offer).toContainText('全额减免');
	await expect(offer).not.toContainText('0折');
	await screenshot(page, 'qa-customer-h-free-offer-zh');
});
