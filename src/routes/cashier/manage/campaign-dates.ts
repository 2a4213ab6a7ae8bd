/**
 * A campaign's start and end as a customer reads them on its poster, and the manager in the list. A campaign
 * starts and ends at a minute; "Valid until 1 Jan" for an end at 15:28 on 1 Jan sent customers to the counter that
 * evening with a coupon already dead. A day alone is said only when it is the whole day: a start at 00:00, an end
 * at 23:59 (the form's default, campaign-form.ts); any other minute is said with the day, on the shop's clock.
 */
import type { I18n } from '$lib/i18n/i18n.svelte';
import { instantToWallClock, zoneOrDevice } from '$lib/time/wall-clock';

const clockOf = (i18n: I18n, iso: string) => instantToWallClock(new Date(iso), zoneOrDevice(i18n.timeZone)).slice(11);

/** The first moment of a campaign: its day alone when it starts at the day's beginning. */
export function campaignStartText(i18n: I18n, iso: string): string {
	return clockOf(i18n, iso) === '00:00' ? i18n.date(iso) : i18n.dateTime(iso);
}

/** The last moment of a campaign: its day alone when it ends at the day's end. */
export function campaignEndText(i18n: I18n, iso: string): string {
	return clockOf(i18n, iso) === '23:59' ? i18n.date(iso) : i18n.dateTime(iso);
}
