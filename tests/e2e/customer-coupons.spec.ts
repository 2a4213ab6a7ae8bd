/**
 * The customer's coupon list as time passes and in both languages: a coupon that runs out while the app is
 * open says so at once (on the list and on the code screen), expiry within two days reads as a time, and a
 * shop's title shows only when it says more than the rule.
 */
import { expect, test } from './fixtures';
import { PHONE } from './support/browser';
import { grantCampaign } from './support/campaigns';
import { openCustomerSignedIn, screenshot } from './support/pages';

// A short code lifetime, so a code is replaced (and its coupon asked for again) within the test: at 10 s of 20,
// counted from when the phone asked for it.
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, serverEnv: { PAYCODE_TTL_MS: '20000' } });

test('a coupon that runs out while the list is open is greyed out at once, and the choice goes with a note', async ({ page, server }) => {
	await page.clock.install();
	await grantCampaign(server.url, 'alice', {
		title: 'Lunch hour',
		rule: { kind: 'fixed', off: 300 },
		validUntil: new Date(Date.now() + 60 * 60_000).toISOString()
	});
	await openCustomerSignedIn(page, server.url, 'alice', '1111');
	// Nothing picked yet, and four coupons could pay (the three demo ones and this): the bar says so, not "No coupon" alone.
	const barCoupon = page.getByTestId('cta-coupon');
	await expect(barCoupon).toHaveText('No coupon · 4 usable');
	const lunch = page.getByRole('radio', { name: /^¥3 off/ });
	await lunch.check();
	await expect(barCoupon).toHaveText('With ¥3 off');
	await expect(lunch).toBeChecked();

	// An hour later, with nothing read again from the server: the list judges by the time now.
	await page.clock.fastForward('01:00:05');
	await expect(lunch).toBeDisabled();
	await expect(lunch).toHaveAccessibleName(/Expired/);
	await expect(page.getByRole('radio', { name: 'No coupon' })).toBeChecked();
	// Expired, it is no longer counted.
	await expect(barCoupon).toHaveText('No coupon · 3 usable');
	await expect(page.getByTestId('coupon-lost')).toContainText(
		'Your coupon “¥3 off” has expired. It is no longer chosen: show a code without it, or choose another.'
	);
	await screenshot(page, 'customer-coupon-expired-on-list');
});

test('a coupon that runs out while its code is on screen: back home saying so, and a new code goes without it', async ({ page, server }) => {
	await openCustomerSignedIn(page, server.url, 'bob', '2222');
	// Ends while its code is on screen, before the code is replaced (10 s after it was asked for): 8 s from now
	// leaves a slow machine time to reload, pick it and ask for the code.
	await grantCampaign(server.url, 'bob', {
		title: 'Flash sale',
		rule: { kind: 'fixed', off: 300 },
		validUntil: new Date(Date.now() + 8_000).toISOString()
	});
	await page.reload();
	await page.getByRole('radio', { name: /^¥3 off/ }).check();
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(page.getByText('Coupon', { exact: true }).locator('..')).toContainText('¥3 off');

	// The moment the coupon expires the code is put away (at the till it would be declined for its coupon): the
	// screen goes home and says why, not "try again".
	await expect(page.getByTestId('paycode')).toBeHidden({ timeout: 15_000 });
	await expect(page.getByText('Your coupon “¥3 off” has expired.')).toBeVisible();
	await expect(page.getByText('Couldn’t make a payment code.')).toHaveCount(0);
	await expect(page.getByRole('radio', { name: 'No coupon' })).toBeChecked();
	await expect(page.getByRole('radio', { name: /^¥3 off/ })).toBeDisabled();
	await screenshot(page, 'customer-coupon-expired-on-code');

	// Trying again works: the new code carries no coupon.
	await page.getByRole('button', { name: 'Show payment code' }).click();
	await expect(page.getByTestId('paycode')).toHaveAttribute('data-code', /^\d{18}$/);
	await expect(page.getByText('Coupon', { exact: true }).locator('..')).toContainText('None');
	// Bob's three demo coupons could still pay: the code says so beside "Change", the expired one not counted.
	await expect(page.getByTestId('code-coupon-unpicked')).toHaveText('3 usable');
});

test('a coupon ending within two days says its hour, or the end of its last day, and titles show only when they say more than the rule, in both languages', async ({ page, server }) => {
	// The phone's clock at the next 10:00 in Shanghai (the tests' time zone, UTC+8 all year): coupons that end at
	// 14:00 that day and 09:00 the next are then still ahead for the server too.
	const HOUR_MS = 60 * 60_000;
	const tenOClockMs = Math.ceil((Date.now() - 2 * HOUR_MS) / (24 * HOUR_MS)) * 24 * HOUR_MS + 2 * HOUR_MS;
	await page.clock.install({ time: tenOClockMs });
	await grantCampaign(server.url, 'carol', {
		title: '会员专享：全场满100元立减20元（仅限堂食，周末不可用）',
		rule: { kind: 'threshold', minimum: 10_000, off: 2_000 },
		validUntil: new Date(tenOClockMs + 4 * HOUR_MS).toISOString()
	});
	await grantCampaign(server.url, 'carol', {
		title: 'Breakfast',
		rule: { kind: 'fixed', off: 200 },
		validUntil: new Date(tenOClockMs + 23 * HOUR_MS).toISOString()
	});
	// A campaign's default end, its last day whole: 00:00 the next day.
	await grantCampaign(server.url, 'carol', {
		title: 'Last day',
		rule: { kind: 'fixed', off: 300 },
		validUntil: new Date(tenOClockMs + 14 * HOUR_MS).toISOString()
	});
	await openCustomerSignedIn(page, server.url, 'carol', '3333');
	await expect(page.getByRole('radio', { name: /^¥20 off orders of ¥100 or more/ })).toHaveAccessibleName(/Until 14:00 today/);
	await expect(page.getByRole('radio', { name: /^¥3 off/ })).toHaveAccessibleName(/Until the end of today$/);
	await expect(page.getByRole('radio', { name: /^¥2 off/ })).toHaveAccessibleName(/Until 09:00 tomorrow/);
	// Further away, the date, and the hour where the end is not a day's edge on the phone's clock, as the claim page says
	// it: the demo's campaigns end at the server's midnight (UTC), 08:00 on this phone's clock (Shanghai).
	await expect(page.getByRole('radio', { name: /^¥5 off/ })).toHaveAccessibleName(/Until \d+ \w+ \d{4}, 08:00$/);

	await page.evaluate(() => localStorage.setItem('pos.lang', 'zh'));
	await page.reload();
	const over100 = page.getByRole('radio', { name: /^满¥100减¥20/ });
	await expect(over100).toHaveAccessibleName(/有效期至今天 14:00/);
	// The shop's Chinese title says more than the rule (dine-in only, not at weekends): it is shown.
	await expect(over100).toHaveAccessibleName(/会员专享：全场满100元立减20元（仅限堂食，周末不可用）/);
	await expect(page.getByRole('radio', { name: /^立减¥2/ })).toHaveAccessibleName(/有效期至明天 09:00/);
	await expect(page.getByRole('radio', { name: /^立减¥3/ })).toHaveAccessibleName(/有效期至今天 24:00$/);
	// The demo's English title "15% off, at most ¥20" only restates the rule: not repeated under the Chinese one.
	await expect(page.getByRole('radio', { name: /^8\.5折，最多减¥20/ })).not.toHaveAccessibleName(/15% off/);
	await screenshot(page, 'customer-coupons-zh-times');
});
