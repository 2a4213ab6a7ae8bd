/**
 * On a ledger kept in yen (`CURRENCY=JPY`), a claim link's offer with no minimum spend named its saving in yuan: the
 * page took the currency from the minimum spend alone and fell back to CNY, so a campaign's ¥300 off read "¥3 off"
 * (300 minor units of yuan). It now takes the campaign's currency, which the offer says.
 */
import { expect, test } from './fixtures';
import * as api from './support/api';
import { PHONE } from './support/browser';
import { screenshot, switchLanguage } from './support/pages';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, serverEnv: { CURRENCY: 'JPY' } });

test('a yen campaign’s claim link with no minimum spend says its saving in yen, in English and Chinese', async ({ page, server }) => {
	const owner = await api.cashierSession(server.url, 'demo-cafe', 'owner', '9999');
	const post = (path: string, body: unknown) => api.created(server.url, owner.token, path, body);
	const { campaign } = await post('/campaigns', {
		title: 'Welcome',
		rule: { kind: 'fixed', off: 300 },
		validUntil: new Date(Date.now() + 3 * 86_400_000).toISOString()
	});
	const { link } = await post(`/campaigns/${campaign.id}/claim-links`, {});

	await page.goto(link.path);
	const offer = page.getByTestId('offer');
	await expect(offer).toContainText('¥300 off');
	await screenshot(page, 'qa-customer-h-offer-yen');
	await switchLanguage(page);
	await expect(offer).toContainText('立减¥300');
	await screenshot(page, 'qa-customer-h-offer-yen-zh');
});
