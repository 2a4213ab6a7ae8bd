import { describe, expect, it } from 'vitest';
import type { I18n } from '../../../src/lib/i18n/i18n.svelte';
import { formatDate, formatDateTime } from '../../../src/lib/i18n/dates';
import { limitsForm, toCampaignChange } from '../../../src/routes/cashier/manage/[id]/limits-form';
import { campaignEndText, endField, endInstant } from '../../../src/routes/cashier/manage/campaign-dates';
import { emptyForm, toCampaign } from '../../../src/routes/cashier/manage/campaign-form';
import type { CampaignView } from '../../../src/lib/api/distribution';
import { lastDayOf } from '../../../src/lib/customer/coupons';

/**
 * A new campaign's default end is the end of its last day, on the shop's clock. It was 23:59:00 of that day, and
 * an end is exclusive (a campaign ends at that moment): a customer paying at 23:59:30 on the last day the poster
 * named was declined. It is the next day's 00:00 now, still shown to the manager as that last day.
 */
const SHOP = 'Asia/Shanghai';
const NOW = new Date('2026-06-01T12:00:00Z'); // 20:00 on 1 June at the shop; a tablet in any zone
const i18n = {
	timeZone: SHOP,
	date: (iso: string) => formatDate(iso, 'en-GB', SHOP),
	dateTime: (iso: string) => formatDateTime(iso, 'en-GB', SHOP)
} as unknown as I18n;
const usableAt = (end: string, at: string) => Date.parse(at) < Date.parse(end);

describe("a campaign's default end", () => {
	it('covers the whole last day, its last minute too, and is said as that day', () => {
		const form = emptyForm(NOW, SHOP);
		expect(form.validUntil).toBe('2026-07-01T23:59');
		const { campaign } = toCampaign({ ...form, title: 'A month', off: '5' }, 'CNY', SHOP, NOW);
		// 2 July 00:00 at the shop.
		expect(campaign!.validUntil).toBe('2026-07-01T16:00:00.000Z');
		expect(usableAt(campaign!.validUntil, '2026-07-01T15:59:30.000Z')).toBe(true); // 23:59:30 on 1 July
		expect(usableAt(campaign!.validUntil, '2026-07-01T16:00:00.000Z')).toBe(false); // 2 July has begun
		// The list and the poster say the last day, not the next one, and no time.
		expect(campaignEndText(i18n, campaign!.validUntil)).toBe('1 Jul 2026');
		// So do the customer's coupon and the claim page, where they say the date alone.
		expect(formatDate(lastDayOf(campaign!.validUntil), 'en-GB', SHOP)).toBe('1 Jul 2026');
		expect(formatDate(lastDayOf('2026-12-31T07:30:00.000Z'), 'en-GB', SHOP)).toBe('31 Dec 2026');
	});

	it('reads 23:59 typed by the manager as the whole day, and any other minute as that minute', () => {
		expect(endInstant('2026-12-31T23:59', SHOP)!.toISOString()).toBe('2026-12-31T16:00:00.000Z');
		expect(endInstant('2026-12-31T23:59', 'UTC')!.toISOString()).toBe('2027-01-01T00:00:00.000Z');
		expect(endInstant('2026-12-31T15:30', SHOP)!.toISOString()).toBe('2026-12-31T07:30:00.000Z');
		expect(endInstant('2026-02-31T23:59', SHOP)).toBeNull();
		// Shown back in the form as it was typed; at 15:30 the list says the time too.
		expect(endField(new Date('2026-12-31T16:00:00.000Z'), SHOP)).toBe('2026-12-31T23:59');
		expect(endField(new Date('2026-12-31T07:30:00.000Z'), SHOP)).toBe('2026-12-31T15:30');
		expect(campaignEndText(i18n, '2026-12-31T07:30:00.000Z')).toBe('31 Dec 2026, 15:30');
		// A campaign made before, ending at 23:59, is still said as its day.
		expect(campaignEndText(i18n, '2026-12-31T15:59:00.000Z')).toBe('31 Dec 2026');
		// An end some seconds after midnight is not the day before's end: it is said with its day and time (it read
		// "31 Dec", the day before, for the demo's campaigns when seeded in midnight's first minute).
		expect(campaignEndText(i18n, '2026-12-31T16:00:20.000Z')).toBe('1 Jan 2027, 00:00');
	});

	it("shows a running campaign's end in Edit limits as the last day, and changes nothing while it is left so", () => {
		const running = { validFrom: '2026-06-01T12:00:00.000Z', validUntil: '2026-07-01T16:00:00.000Z', stock: null, budget: null } as unknown as CampaignView;
		const form = limitsForm(running, SHOP);
		expect(form.validUntil).toBe('2026-07-01T23:59');
		expect(toCampaignChange(form, running, SHOP, NOW)).toEqual({ change: {}, errors: {} });
		expect(toCampaignChange({ ...form, validUntil: '2026-07-10T23:59' }, running, SHOP, NOW).change).toEqual({ validUntil: '2026-07-10T16:00:00.000Z' });
	});
});
