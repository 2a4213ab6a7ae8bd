/**
 * A coupon given ahead of its start is greyed out until then. Starting later today, its card said "Usable from
 * 2 Dec 2026" on 2 Dec 2026: today's date beside a coupon that will not work reads as a fault. It says the hour,
 * as a coupon's end does within two days.
 */
import { expect, test } from './fixtures';
import { grantCampaign } from './support/campaigns';
import { openCustomerSignedIn, screenshot } from './support/pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const ZONE = 'Asia/Shanghai'; // playwright.config.ts
const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(ms);

test('a coupon starting later today or tomorrow says from what hour, in both languages; one further off says its date and hour', async ({ page, server }) => {
	const now = Date.now();
	// Two hours on is today, or tomorrow just before midnight; a day on is always tomorrow.
	const soon = now + 2 * 3600_000;
	const tomorrow = now + 24 * 3600_000;
	const later = now + 6 * 24 * 3600_000;
	const until = new Date(now + 30 * 24 * 3600_000).toISOString();
	await grantCampaign(server.url, 'alice', { title: 'Soon', rule: { kind: 'fixed', off: 300 }, validFrom: new Date(soon).toISOString(), validUntil: until });
	await grantCampaign(server.url, 'alice', { title: 'Tomorrow', rule: { kind: 'fixed', off: 400 }, validFrom: new Date(tomorrow).toISOString(), validUntil: until });
	await grantCampaign(server.url, 'alice', { title: 'Later', rule: { kind: 'fixed', off: 600 }, validFrom: new Date(later).toISOString(), validUntil: until });
	await openCustomerSignedIn(page, server.url, 'alice', '1111');

	const soonToday = day(soon) === day(now);
	const card = (off: string) => page.getByRole('radio', { name: new RegExp(`^${off}`) });
	await expect(card('¥3 off')).toBeDisabled();
	await expect(card('¥3 off')).toHaveAccessibleName(new RegExp(`Usable from ${hhmm(soon)} ${soonToday ? 'today' : 'tomorrow'}$`));
	await expect(card('¥4 off')).toHaveAccessibleName(new RegExp(`Usable from ${hhmm(tomorrow)} tomorrow$`));
	const laterDate = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' }).format(later);
	// Further off, its date, with its hour as its offer says it (not a day's edge: qa-customer-h-offer-minimum.spec.ts).
	await expect(card('¥6 off')).toHaveAccessibleName(new RegExp(`Usable from ${laterDate}, ${hhmm(later)}$`));
	// Below the usable ones, the soonest to start first.
	const names = await page.getByRole('radio', { disabled: true }).evaluateAll((els) => els.map((e) => (e.closest('label')?.textContent ?? '').trim().slice(0, 6)));
	expect(names.map((n) => n.replace(/\s.*/, ''))).toEqual(['¥3', '¥4', '¥6']);
	await card('¥3 off').scrollIntoViewIfNeeded();
	await screenshot(page, 'qa-customer-s20-coupon-start-360');

	await page.locator('button.lang').click();
	await expect(page.getByRole('radio', { name: /^立减¥3/ })).toHaveAccessibleName(new RegExp(`${soonToday ? '今天' : '明天'} ${hhmm(soon)} 起可用$`));
	await expect(page.getByRole('radio', { name: /^立减¥4/ })).toHaveAccessibleName(new RegExp(`明天 ${hhmm(tomorrow)} 起可用$`));
	await screenshot(page, 'qa-customer-s20-coupon-start-zh-360');
});
