/**
 * A coupon's minimum spend is said before the customer meets it at the counter. A poster's claim link opened on a
 * phone showed "10% off, at most ¥5 · Only at Demo Café · Valid until …" and nothing of its ¥30.50 minimum spend
 * (the poster itself and the coupon's card in the wallet say it): the first the customer heard of it was a decline.
 * And a threshold coupon whose minimum spend is above its own threshold ("¥10 off orders of ¥50 or more", spend
 * ¥80) showed only the ¥50 on its card, and was declined at ¥60. The API no longer makes such a campaign
 * (MINIMUM_SPEND_OVER_THRESHOLD), but a database from before may hold one: its card still says the ¥80.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { grantCampaign, setCampaignMinimumSpend } from './support/campaigns';
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

test('a threshold coupon’s card says a minimum spend above its threshold (a campaign made before the API refused one)', async ({ page, server }) => {
	await grantCampaign(server.url, 'bob', {
		title: 'Big basket',
		rule: { kind: 'threshold', minimum: 5000, off: 1000 },
		minimumSpend: { amount: 5000, currency: 'CNY' },
		validUntil: inDays(3)
	});
	setCampaignMinimumSpend(join(server.dir, 'pos.db'), 'Big basket', 8000);
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

test('the coupon taken from an offer says its end (and a start ahead) in the wallet as the offer said it: with its hour, or its day alone at a day’s edge', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const linkTo = async (campaign: object): Promise<string> => {
		const post = (path: string, body: unknown) => api.created(server.url, owner.token, path, body);
		const { campaign: made } = await post('/campaigns', campaign);
		return (await post(`/campaigns/${made.id}/claim-links`, {})).link.path;
	};
	// 18:00 on 15 Mar 2030, Shanghai time; and the end of 16 Mar 2030 (00:00 on the 17th).
	const evening = await linkTo({ title: 'Evening', rule: { kind: 'fixed', off: 300 }, validUntil: '2030-03-15T10:00:00Z' });
	const wholeDay = await linkTo({ title: 'Whole day', rule: { kind: 'fixed', off: 200 }, validUntil: '2030-03-16T16:00:00Z' });
	// Not started yet: from 10:30 on 1 Mar 2030. The card says when it will be usable as the offer said it.
	const spring = await linkTo({ title: 'Spring', rule: { kind: 'fixed', off: 400 }, validFrom: '2030-03-01T02:30:00Z', validUntil: '2030-03-15T10:00:00Z' });
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	for (const [link, validity] of [
		[evening, 'Valid until 15 Mar 2030, 18:00'],
		[wholeDay, 'Valid until 16 Mar 2030'],
		[spring, 'Valid 1 Mar 2030, 10:30 – 15 Mar 2030, 18:00']
	]) {
		await page.goto(link);
		await expect(page.getByTestId('offer-validity')).toHaveText(validity);
		await page.getByRole('button', { name: 'Get the coupon' }).click();
		await expect(page.getByRole('link', { name: 'Go to my coupons' })).toBeVisible();
	}
	await page.goto('/customer');
	// The card said "Until 15 Mar 2030" of the coupon its offer said ends at 18:00 that day.
	await expect(page.getByRole('radio', { name: /^¥3 off/ })).toHaveAccessibleName(/Until 15 Mar 2030, 18:00$/);
	await expect(page.getByRole('radio', { name: /^¥2 off/ })).toHaveAccessibleName(/Until 16 Mar 2030$/);
	await expect(page.getByRole('radio', { name: /^¥4 off/ })).toHaveAccessibleName(/Usable from 1 Mar 2030, 10:30$/);
	await screenshot(page, 'qa-customer-h-coupon-end-hour');
	await switchLanguage(page);
	await expect(page.getByRole('radio', { name: /^立减¥3/ })).toHaveAccessibleName(/有效期至2030年3月15日 18:00$/);
	await expect(page.getByRole('radio', { name: /^立减¥2/ })).toHaveAccessibleName(/有效期至2030年3月16日$/);
	await expect(page.getByRole('radio', { name: /^立减¥4/ })).toHaveAccessibleName(/2030年3月1日 10:30起可用$/);
	await screenshot(page, 'qa-customer-h-coupon-end-hour-zh');
	await page.goto(evening);
	await expect(page.getByTestId('offer-validity')).toHaveText('有效期至 2030年3月15日 18:00');
});
