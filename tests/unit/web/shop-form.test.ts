import { describe, expect, it } from 'vitest';
import type { Shop } from '../../../src/lib/api/shop';
import type { I18n } from '../../../src/lib/i18n/i18n.svelte';
import { formatDate, formatDateTime } from '../../../src/lib/i18n/dates';
import { campaignEndText } from '../../../src/routes/cashier/manage/campaign-dates';
import { changedLines, endsThatMove, shopForm, timeZoneChoices, toShopChange, zonesMatching } from '../../../src/routes/cashier/shop/shop-form';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const SHOP: Shop = { handle: 'demo-cafe', name: 'Demo Café', currency: 'CNY', timeZone: 'UTC', offlineLimits: { paymentMax: cny(50_000), totalMax: cny(200_000), countMax: 50 } };

describe('the shop settings form', () => {
	it('shows the limits as money in the major unit, exactly, and sends nothing when nothing changed', () => {
		expect(shopForm(SHOP)).toEqual({ name: 'Demo Café', timeZone: 'UTC', paymentMax: '500.00', totalMax: '2000.00', countMax: '50' });
		expect(toShopChange(shopForm(SHOP), SHOP)).toEqual({ change: {}, errors: {} });
		// Written another way, the same amounts are no change either.
		expect(toShopChange({ ...shopForm(SHOP), paymentMax: '500', totalMax: '¥2,000.0' }, SHOP).change).toEqual({});
	});

	it('sends only what the manager changed, amounts in integer minor units', () => {
		const { change } = toShopChange({ name: ' Corner Café ', timeZone: 'UTC', paymentMax: '100.1', totalMax: '2000', countMax: '20' }, SHOP);
		expect(change).toEqual({ name: 'Corner Café', offlineLimits: { paymentMax: cny(10_010), countMax: 20 } });
		// 0.29 is not 28.999… fen here: string arithmetic, no float.
		expect(toShopChange({ ...shopForm(SHOP), paymentMax: '0.29' }, SHOP).change).toEqual({ offlineLimits: { paymentMax: cny(29) } });
	});

	it('names each mistake at its field before anything is sent', () => {
		const errorsOf = (f: Partial<ReturnType<typeof shopForm>>) => toShopChange({ ...shopForm(SHOP), ...f }, SHOP);
		expect(errorsOf({ name: '   ' })).toEqual({ change: null, errors: { name: 'nameRequired' } });
		expect(errorsOf({ name: 'x'.repeat(61) }).errors).toEqual({ name: 'nameLong' });
		for (const paymentMax of ['', '0', '-5', 'abc', '1.234', '5,5']) expect(errorsOf({ paymentMax }).errors, paymentMax).toEqual({ paymentMax: 'amount' });
		expect(errorsOf({ totalMax: '1000000.01' }).errors).toEqual({ totalMax: 'amountMax' });
		expect(errorsOf({ paymentMax: '2000.01' }).errors).toEqual({ paymentMax: 'paymentOverTotal' });
		expect(errorsOf({ paymentMax: '2000' }).errors).toEqual({});
		for (const countMax of ['0', '501', '2.5', '', 'ten']) expect(errorsOf({ countMax }).errors, countMax).toEqual({ countMax: 'count' });
	});

	it('reads the count of unsent payments typed in full-width digits, as it reads the amounts', () => {
		const changeOf = (f: Partial<ReturnType<typeof shopForm>>) => toShopChange({ ...shopForm(SHOP), ...f }, SHOP);
		expect(changeOf({ countMax: '６０', paymentMax: '５００' })).toEqual({ change: { offlineLimits: { countMax: 60 } }, errors: {} });
		expect(changeOf({ countMax: '５０１' }).errors).toEqual({ countMax: 'count' });
	});

	it('says what a save changed, from the answer before and after', () => {
		const after: Shop = { ...SHOP, name: 'Corner Café', offlineLimits: { ...SHOP.offlineLimits, paymentMax: cny(10_000), countMax: 20 } };
		expect(changedLines(SHOP, after)).toEqual([
			{ field: 'name', from: 'Demo Café', to: 'Corner Café' },
			{ field: 'paymentMax', from: cny(50_000), to: cny(10_000) },
			{ field: 'countMax', from: 50, to: 20 }
		]);
		expect(changedLines(SHOP, SHOP)).toEqual([]);
		expect(changedLines(SHOP, { ...SHOP, timeZone: 'Asia/Shanghai' })).toEqual([{ field: 'timeZone', from: 'UTC', to: 'Asia/Shanghai' }]);
	});

	it('sends the time zone only when another is chosen, from the zones the browser knows', () => {
		expect(toShopChange({ ...shopForm(SHOP), timeZone: 'Asia/Shanghai' }, SHOP).change).toEqual({ timeZone: 'Asia/Shanghai' });
		const choices = timeZoneChoices('UTC');
		expect(choices[0]).toBe('UTC');
		expect(choices).toContain('Asia/Shanghai');
		expect(choices).toContain('Europe/Berlin');
		// A zone set elsewhere that this browser does not list stays choosable, so the form does not change it unasked.
		expect(timeZoneChoices('Mars/Olympus_Mons')).toContain('Mars/Olympus_Mons');
	});
});

/** The search above the zone list: on a tablet a native select of some 420 zones cannot be typed into. */
describe('finding a time zone', () => {
	const zones = timeZoneChoices('UTC');
	it('finds a city in any case, with spaces for underscores and any part of the name', () => {
		expect(zonesMatching(zones, 'shanghai')).toEqual(['Asia/Shanghai']);
		expect(zonesMatching(zones, 'New York')).toEqual(['America/New_York']);
		expect(zonesMatching(zones, '  new_york ')).toEqual(['America/New_York']);
		expect(zonesMatching(zones, 'asia/shang')).toEqual(['Asia/Shanghai']);
	});
	it('needs every word typed, in any order', () => {
		expect(zonesMatching(zones, 'york new')).toEqual(['America/New_York']);
		const europe = zonesMatching(zones, 'europe');
		expect(europe).toContain('Europe/Berlin');
		expect(europe.every((zone) => zone.startsWith('Europe/'))).toBe(true);
	});
	it('finds the zone of a city it is not named after, and Chinese city names, that zone first', () => {
		expect(zonesMatching(zones, 'Beijing')).toEqual(['Asia/Shanghai']);
		expect(zonesMatching(zones, '北京')).toEqual(['Asia/Shanghai']);
		expect(zonesMatching(zones, '香港')).toEqual(['Asia/Hong_Kong']);
		// A city renamed since its zone was named, whichever name this runtime's list has.
		for (const [city, names] of [['Kolkata', ['Asia/Kolkata', 'Asia/Calcutta']], ['kyiv', ['Europe/Kyiv', 'Europe/Kiev']], ['Ho Chi Minh', ['Asia/Ho_Chi_Minh', 'Asia/Saigon']]] as const) {
			const found = zonesMatching(zones, city);
			expect(found.length, city).toBeGreaterThan(0);
			expect(names as readonly string[]).toContain(found[0]);
		}
		// A prefix of an alias and of a zone's name at once: the alias's zone leads.
		expect(zonesMatching(zones, 'bei')[0]).toBe('Asia/Shanghai');
	});
	it('finds nothing for what no zone holds, and lists every zone when nothing is typed', () => {
		expect(zonesMatching(zones, 'atlantis')).toEqual([]);
		expect(zonesMatching(zones, '')).toEqual(zones);
		expect(zonesMatching(zones, '   ')).toEqual(zones);
	});
});

/**
 * A campaign's end is an instant: a shop that moves from UTC to Shanghai sees "the end of 2 Jan" become "3 Jan, 08:00"
 * on its posters. Before the new zone is saved, the manager is told which ends read otherwise, and each can be kept
 * at the time it reads now, on the new clock.
 */
describe('the campaign ends a new time zone makes read otherwise', () => {
	const NOW = new Date('2026-12-03T10:00:00Z');
	const campaign = (id: string, validUntil: string, validFrom = '2026-12-01T00:00:00.000Z') => ({ id, title: id, validFrom, validUntil });
	// The end of 2 Jan 2027 on UTC's clock: 3 Jan's 00:00 (an end is exclusive; campaign-dates.ts).
	const dayEnd = campaign('coffee', '2027-01-03T00:00:00.000Z');

	it('names a running campaign whose end-of-day end moves, and keeps it at the end of that day on the new clock', () => {
		expect(endsThatMove([dayEnd], 'UTC', 'Asia/Shanghai', NOW)).toEqual([
			// 3 Jan 00:00 in Shanghai is 2 Jan 16:00 UTC.
			{ id: 'coffee', title: 'coffee', end: '2027-01-03T00:00:00.000Z', kept: '2027-01-02T16:00:00.000Z' }
		]);
		// Westwards too: the end of 2 Jan in New York is 3 Jan 05:00 UTC.
		expect(endsThatMove([dayEnd], 'UTC', 'America/New_York', NOW)[0]?.kept).toBe('2027-01-03T05:00:00.000Z');
	});

	it('keeps any other minute at that minute, its seconds as they were', () => {
		const odd = campaign('odd', '2027-01-10T15:30:12.345Z');
		expect(endsThatMove([odd], 'UTC', 'Asia/Shanghai', NOW)[0]?.kept).toBe('2027-01-10T07:30:12.345Z');
	});

	it('leaves out ended campaigns, and says nothing when the clocks read the same or cannot be read', () => {
		expect(endsThatMove([campaign('ended', '2026-12-03T10:00:00.000Z')], 'UTC', 'Asia/Shanghai', NOW)).toEqual([]);
		// Singapore and Shanghai are both UTC+8; London and Lisbon keep the same time all year.
		expect(endsThatMove([dayEnd], 'Asia/Shanghai', 'Asia/Singapore', NOW)).toEqual([]);
		expect(endsThatMove([dayEnd], 'Europe/London', 'Europe/Lisbon', NOW)).toEqual([]);
		expect(endsThatMove([dayEnd], 'UTC', 'UTC', NOW)).toEqual([]);
		expect(endsThatMove([dayEnd], 'Mars/Olympus_Mons', 'Asia/Shanghai', NOW)).toEqual([]);
	});

	it('cannot keep an end whose time has already passed on the new clock, or that would come before the start', () => {
		// 22:00 UTC on 3 Dec: in Shanghai 4 Dec has begun, so the end of 3 Dec there (16:00 UTC) has passed.
		const late = new Date('2026-12-03T22:00:00Z');
		expect(endsThatMove([campaign('today', '2026-12-04T00:00:00.000Z')], 'UTC', 'Asia/Shanghai', late)).toEqual([
			{ id: 'today', title: 'today', end: '2026-12-04T00:00:00.000Z', kept: null }
		]);
		// Starts at 20:00 UTC on 2 Jan and ends with that day: the end of 2 Jan in Shanghai is before it starts.
		const short = campaign('short', '2027-01-03T00:00:00.000Z', '2027-01-02T20:00:00.000Z');
		expect(endsThatMove([short], 'UTC', 'Asia/Shanghai', NOW)[0]?.kept).toBeNull();
	});

	it('says an end as either clock reads it', () => {
		const i18n = { locale: 'en-GB', timeZone: 'UTC', date: (iso: string) => formatDate(iso, 'en-GB', 'UTC'), dateTime: (iso: string) => formatDateTime(iso, 'en-GB', 'UTC') } as unknown as I18n;
		expect(campaignEndText(i18n, dayEnd.validUntil)).toBe('2 Jan 2027');
		expect(campaignEndText(i18n, dayEnd.validUntil, 'UTC')).toBe('2 Jan 2027');
		expect(campaignEndText(i18n, dayEnd.validUntil, 'Asia/Shanghai')).toBe('3 Jan 2027, 08:00');
		expect(campaignEndText(i18n, '2027-01-02T16:00:00.000Z', 'Asia/Shanghai')).toBe('2 Jan 2027');
	});
});

describe('a shop that follows the server’s zone', () => {
	it('keeps the zone shown as its own on any save, so its midnight no longer moves with the server', () => {
		const following: Shop = { ...SHOP, timeZoneIsServers: true };
		expect(toShopChange(shopForm(following), following).change).toEqual({ timeZone: 'UTC' });
		expect(toShopChange({ ...shopForm(following), timeZone: 'Asia/Shanghai' }, following).change).toEqual({ timeZone: 'Asia/Shanghai' });
		expect(toShopChange(shopForm({ ...SHOP, timeZoneIsServers: false }), { ...SHOP, timeZoneIsServers: false }).change).toEqual({});
	});
});
