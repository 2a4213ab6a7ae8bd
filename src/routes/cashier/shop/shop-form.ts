/**
 * The Shop settings form as plain data: the name, the time zone, the two offline caps typed as money ("500.00", read back by string
 * arithmetic, never through a float) and the count; its conversion to PATCH /api/shop (only what the manager
 * changed is sent), what a save changed, for the manager to read, and which campaigns' ends a new time zone makes
 * read otherwise. Pure, like the campaign forms.
 */
import { OFFLINE_CAP_MAX_MINOR, OFFLINE_COUNT_CAP_MAX, SHOP_NAME_MAX, type Shop, type ShopChange } from '$lib/api/shop';
import type { Money } from '$lib/api/types';
import { parseWholeNumber } from '$lib/input/whole-number';
import { fromMinor, parseAmountText } from '$lib/money/entry';
import { fractionDigits } from '$lib/money/money';
import { instantToWallClock, isKnownTimeZone, wallClockToInstant } from '$lib/time/wall-clock';

export interface ShopForm {
	name: string;
	timeZone: string;
	paymentMax: string;
	totalMax: string;
	countMax: string;
}

export type ShopFormError = 'nameRequired' | 'nameLong' | 'amount' | 'amountMax' | 'paymentOverTotal' | 'count';
export type ShopFormErrors = Partial<Record<keyof ShopForm, ShopFormError>>;

/** The form filled with the shop as it stands. */
export function shopForm(shop: Shop): ShopForm {
	const digits = fractionDigits(shop.currency);
	return {
		name: shop.name,
		timeZone: shop.timeZone,
		paymentMax: fromMinor(shop.offlineLimits.paymentMax.amount, digits),
		totalMax: fromMinor(shop.offlineLimits.totalMax.amount, digits),
		countMax: String(shop.offlineLimits.countMax)
	};
}

/** The change the form asks for, or its errors. `change` is empty when nothing differs from the shop. */
export function toShopChange(f: ShopForm, shop: Shop): { change: ShopChange | null; errors: ShopFormErrors } {
	const errors: ShopFormErrors = {};
	const change: ShopChange = {};
	const limits: NonNullable<ShopChange['offlineLimits']> = {};
	const { currency } = shop;

	// Measured as the server measures it: UTF-16 code units of the trimmed text.
	const name = f.name.trim();
	if (!name) errors.name = 'nameRequired';
	else if (name.length > SHOP_NAME_MAX) errors.name = 'nameLong';
	else if (name !== shop.name) change.name = name;
	// Chosen from the zones this browser knows (timeZoneChoices); the server checks it against its own.
	// A shop that follows the server's zone (no zone of its own) keeps the one shown on any save, as its note says:
	// its midnight then no longer moves with the server.
	if (f.timeZone !== shop.timeZone || shop.timeZoneIsServers === true) change.timeZone = f.timeZone;

	const amount = (key: 'paymentMax' | 'totalMax'): number | undefined => {
		// Up to 12 digits before the point, so that too large an amount is named as that, not as unreadable.
		const v = parseAmountText(f[key].trim(), currency, 12);
		if (v === null || v <= 0) errors[key] = 'amount';
		else if (v > OFFLINE_CAP_MAX_MINOR) errors[key] = 'amountMax';
		else return v;
		return undefined;
	};
	const paymentMax = amount('paymentMax');
	const totalMax = amount('totalMax');
	if (paymentMax !== undefined && totalMax !== undefined && paymentMax > totalMax) errors.paymentMax = 'paymentOverTotal';
	if (paymentMax !== undefined && paymentMax !== shop.offlineLimits.paymentMax.amount) limits.paymentMax = { amount: paymentMax, currency };
	if (totalMax !== undefined && totalMax !== shop.offlineLimits.totalMax.amount) limits.totalMax = { amount: totalMax, currency };

	// "６０" from a full-width IME is 60, as the amounts above read "５００".
	const count = parseWholeNumber(f.countMax);
	if (count === null || count < 1 || count > OFFLINE_COUNT_CAP_MAX) errors.countMax = 'count';
	else if (count !== shop.offlineLimits.countMax) limits.countMax = count;

	if (Object.keys(limits).length > 0) change.offlineLimits = limits;
	return Object.keys(errors).length > 0 ? { change: null, errors } : { change, errors };
}

export type ShopChangeLine =
	| { field: 'name' | 'timeZone'; from: string; to: string }
	| { field: 'paymentMax' | 'totalMax'; from: Money; to: Money }
	| { field: 'countMax'; from: number; to: number };

/** What a save changed, field by field, from the shop before to the shop after (as the server answered both). */
export function changedLines(before: Shop, after: Shop): ShopChangeLine[] {
	const lines: ShopChangeLine[] = [];
	if (before.name !== after.name) lines.push({ field: 'name', from: before.name, to: after.name });
	if (before.timeZone !== after.timeZone) lines.push({ field: 'timeZone', from: before.timeZone, to: after.timeZone });
	for (const field of ['paymentMax', 'totalMax'] as const) {
		const from = before.offlineLimits[field];
		const to = after.offlineLimits[field];
		if (from.amount !== to.amount) lines.push({ field, from, to });
	}
	const { countMax: from } = before.offlineLimits;
	const { countMax: to } = after.offlineLimits;
	if (from !== to) lines.push({ field: 'countMax', from, to });
	return lines;
}

/**
 * The zones to choose from: every IANA zone this browser knows, with the shop's own first kept in the list even if
 * the browser does not know it (it was set elsewhere, by `npm run shop -- --time-zone`).
 */
export function timeZoneChoices(current: string): string[] {
	const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
	// "UTC" is not in every browser's list (Chromium names it only as Etc/UTC aliases); servers default to it.
	const all = new Set(['UTC', ...known]);
	all.add(current);
	return [...all].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** A zone's words as typed in the search: lower-cased, with "_", "/", "-" and spaces all one space ("new york"). */
const zoneWords = (text: string) => text.toLowerCase().replace(/[\s_/-]+/g, ' ').trim();

/**
 * Cities a manager will type that no zone is named after: a zone is named after one city of its region (Beijing keeps
 * Shanghai's time), its name is English, so a Chinese city name found nothing, and some zones keep a city's old name
 * (Kolkata's is Asia/Calcutta in Chromium's list). The places the app's currencies are used in first; the list is for
 * finding, not a gazetteer.
 */
const ZONE_ALIASES: Record<string, string | string[]> = {
	beijing: 'Asia/Shanghai',
	北京: 'Asia/Shanghai',
	上海: 'Asia/Shanghai',
	广州: 'Asia/Shanghai',
	深圳: 'Asia/Shanghai',
	成都: 'Asia/Shanghai',
	杭州: 'Asia/Shanghai',
	香港: 'Asia/Hong_Kong',
	澳门: 'Asia/Macau',
	台北: 'Asia/Taipei',
	新加坡: 'Asia/Singapore',
	东京: 'Asia/Tokyo',
	首尔: 'Asia/Seoul',
	乌鲁木齐: 'Asia/Urumqi',
	// A city renamed since its zone was named: a browser lists one name or the other (Chromium still says Asia/Calcutta).
	kolkata: ['Asia/Kolkata', 'Asia/Calcutta'],
	'ho chi minh': ['Asia/Ho_Chi_Minh', 'Asia/Saigon'],
	kyiv: ['Europe/Kyiv', 'Europe/Kiev'],
	kathmandu: ['Asia/Kathmandu', 'Asia/Katmandu'],
	yangon: ['Asia/Yangon', 'Asia/Rangoon']
};

/**
 * The zones a search for `query` finds among `zones` (the select's list: some 420), for a manager on a touch screen,
 * where a native select is a long list to scroll through and cannot be typed into: a city ("shanghai", "new york"),
 * a region ("europe"), any part of the zone's name, in any case, with spaces for its underscores (every word typed must
 * be found), or a city of ZONE_ALIASES ("北京", "beijing"), whose zone comes first. Nothing typed: all of them.
 */
export function zonesMatching(zones: readonly string[], query: string): string[] {
	const typed = zoneWords(query);
	const words = typed.split(' ').filter(Boolean);
	if (words.length === 0) return [...zones];
	const aliased = Object.entries(ZONE_ALIASES)
		.filter(([city]) => city.startsWith(typed))
		.flatMap(([, zone]) => zone);
	const named = zones.filter((zone) => {
		const name = zoneWords(zone);
		return words.every((word) => name.includes(word));
	});
	return [...new Set([...aliased.filter((zone) => zones.includes(zone)), ...named])];
}

/** A campaign as the time-zone check needs it (GET /api/campaigns answers more). */
export interface CampaignEnd {
	id: string;
	title: string;
	validFrom: string;
	validUntil: string;
}

/** A campaign whose end reads otherwise on the new clock, and the end that would read there as it reads now. */
export interface EndThatMoves {
	id: string;
	title: string;
	/** Its end as it stands: a moment, which a change of zone does not move; only how the shop's clock reads it. */
	end: string;
	/**
	 * The end at which the new clock reads what the old one reads at `end` (the end of 2 Jan stays the end of 2 Jan),
	 * or null when that moment has already passed (or comes before the campaign's start): the API would refuse it
	 * (END_IN_PAST), and only ending the campaign now would be left.
	 */
	kept: string | null;
}

const MINUTE_MS = 60_000;

/**
 * The running (or not yet started) campaigns whose end the shop's clock will read otherwise once its zone is `to`
 * rather than `from`: "the end of 2 Jan" on UTC's clock is "3 Jan, 08:00" on Shanghai's. A campaign's end is an
 * instant (api/coupons/routes.ts keeps `valid_until` in milliseconds), so the change of zone does not move it; the
 * manager is told before saving, and each is kept at the time it reads now on the new clock unless unticked (PATCH
 * /api/campaigns/:id with that `validUntil`). Ended campaigns are left out: nothing more happens at their end.
 * Nothing is said when either zone is one this browser does not know: it could not read the clocks.
 */
export function endsThatMove(campaigns: readonly CampaignEnd[], from: string, to: string, now: Date): EndThatMoves[] {
	if (from === to || !isKnownTimeZone(from) || !isKnownTimeZone(to)) return [];
	const moved: EndThatMoves[] = [];
	for (const c of campaigns) {
		const endMs = Date.parse(c.validUntil);
		if (!(endMs > now.getTime())) continue;
		const reads = instantToWallClock(new Date(endMs), from);
		if (reads === instantToWallClock(new Date(endMs), to)) continue;
		// To the minute as the clock reads it, and the seconds it had beyond that minute (an end set to "now + a year").
		const keptMs = wallClockToInstant(reads, to)!.getTime() + (endMs - Math.floor(endMs / MINUTE_MS) * MINUTE_MS);
		const possible = keptMs > now.getTime() && keptMs > Date.parse(c.validFrom);
		moved.push({ id: c.id, title: c.title, end: c.validUntil, kept: possible ? new Date(keptMs).toISOString() : null });
	}
	return moved;
}
