/**
 * A coupon's minimum spend is said before the customer meets it at the counter. A poster's claim link opened on a
 * phone showed "10% off, at most ¥5 · Only at Demo Café · Valid until …" and nothing of its ¥30.50 minimum spend
 * (the poster itself and the coupon's card in the wallet say it): the first the customer heard of it was a decline.
 * And a threshold coupon whose minimum spend is above its own threshold ("¥10 off orders of ¥50 or more", spend
 * ¥80) showed only the ¥50 on its card, and was declined at ¥60.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { openCustomerSignedIn, screenshot, switchLanguage } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

test('a claim link’s offer says its minimum spend, in English and Chinese, before the coupon is taken', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const post = (path: string, body: unknown) => api.created(server.url, owner.token, path, body);
	const { campaign } = await post('/campaigns', {
		title: 'Rainy day',
		rule: { kind: 'percent', percent: 10, cap: 500 },
		minimumSpend: { amount: 3050, currency: 'CNY' },
		validUntil: inDays(3)
	});
	const { link } = await post(`/campaigns/${campaign.id}/claim-links`, {});

	await page.goto(link.path);
	const offer = page.getByTestId('offer');
	await expect(offer).toContainText('10% off, at most ¥5');
	await expect(offer.getByTestId('offer-minimum')).toHaveText('Orders of ¥30.50 or more');
	await screenshot(page, 'qa-customer-h-offer-minimum');
	await switchLanguage(page);
	await expect(offer.getByTestId('offer-minimum')).toHaveText('订单满¥30.50可用');
	await screenshot(page, 'qa-customer-h-offer-minimum-zh');
});

test('a claim link’s offer says when it starts, if not yet, and the hour it ends, as its poster does', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const linkTo = async (campaign: object): Promise<string> => {
		const post = (path: string, body: unknown) => api.created(server.url, owner.token, path, body);
		const { campaign: made } = await post('/campaigns', campaign);
		return (await post(`/campaigns/${made.id}/claim-links`, {})).link.path;
	};
	// 10:30 on 1 Mar 2030 to 18:00 on 15 Mar 2030, Shanghai time (the phone's, and the server's UTC + 8).
	const later = await linkTo({ title: 'Spring', rule: { kind: 'fixed', off: 300 }, validFrom: '2030-03-01T02:30:00Z', validUntil: '2030-03-15T10:00:00Z' });
	await page.goto(later);
	await expect(page.getByTestId('offer')).toContainText('Valid 1 Mar 2030, 10:30 – 15 Mar 2030, 18:00');
	await screenshot(page, 'qa-customer-h-offer-starts-later');
	await switchLanguage(page);
	await expect(page.getByTestId('offer')).toContainText('有效期 2030年3月1日 10:30 – 2030年3月15日 18:00');
	await switchLanguage(page);

	// Started already, ending at 18:00: not "Valid until 15 Mar 2030", which reads as the whole day.
	const now = await linkTo({ title: 'Now', rule: { kind: 'fixed', off: 300 }, validUntil: '2030-03-15T10:00:00Z' });
	await page.goto(now);
	await expect(page.getByTestId('offer')).toContainText('Valid until 15 Mar 2030, 18:00');
	await expect(page.getByTestId('offer-validity')).toHaveText('Valid until 15 Mar 2030, 18:00');
});

test('a threshold coupon’s card says a minimum spend above its threshold', async ({ page, server }) => {
	await grantCampaign(server.url, 'bob', {
		title: 'Big basket',
		rule: { kind: 'threshold', minimum: 5000, off: 1000 },
		minimumSpend: { amount: 8000, currency: 'CNY' },
		validUntil: inDays(3)
	});
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	const cards = page.locator('label.coupon').filter({ hasText: '¥10 off orders of ¥50 or more' });
	const basket = cards.filter({ hasText: 'Big basket' });
	await expect(basket).toContainText('Orders of ¥80 or more');
	await expect(page.getByRole('radio', { name: /Big basket/ })).toHaveAccessibleName(/Orders of ¥80 or more/);
	// The demo's own threshold coupon has no minimum spend of its own: nothing is added to its card.
	await expect(cards.filter({ hasNotText: 'Big basket' })).toHaveCount(1);
	await expect(cards.filter({ hasNotText: 'Big basket' })).not.toContainText('Orders of');
	await screenshot(page, 'qa-customer-h-threshold-minimum');
});
