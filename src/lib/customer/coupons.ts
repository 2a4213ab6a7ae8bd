/**
 * Whether a coupon can be chosen for a payment code right now, and if not, why: the customer sees
 * unusable coupons greyed out with the reason instead of a code that is then declined.
 * Pure (the time is passed in).
 */
import type { Coupon, Payment } from '$lib/api/types';
import { leastOrder, ruleMinimum } from './coupon-rules';

export type Unusable = 'redeemed' | 'expired' | 'notYetValid' | 'shared';

export interface Usability {
	usable: boolean;
	reason: Unusable | null;
}

export function couponUsability(coupon: Coupon, nowMs: number): Usability {
	if (coupon.state === 'redeemed') return { usable: false, reason: 'redeemed' };
	// Offered to a friend: it can't pay until it is taken back.
	if (coupon.state === 'shared') return { usable: false, reason: 'shared' };
	if (coupon.state === 'expired' || Date.parse(coupon.validUntil) <= nowMs) return { usable: false, reason: 'expired' };
	if (Date.parse(coupon.validFrom) > nowMs) return { usable: false, reason: 'notYetValid' };
	// 'reserved' is usable: it is held by this customer's own last code, and a new code releases it.
	return { usable: true, reason: null };
}

/** Where a coupon stands in the list: usable now, usable later, offered to a friend, then spent or over. */
function listGroup(coupon: Coupon, nowMs: number): number {
	const { reason } = couponUsability(coupon, nowMs);
	return reason === null ? 0 : reason === 'notYetValid' ? 1 : reason === 'shared' ? 2 : 3;
}

/**
 * Usable coupons first, the one that runs out first on top (it is the one to use); then those usable later, the
 * soonest first; then those offered to a friend; then the used and expired, by end of validity.
 */
export function sortCoupons(coupons: Coupon[], nowMs: number): Coupon[] {
	return [...coupons].sort((a, b) => {
		const ga = listGroup(a, nowMs);
		const gb = listGroup(b, nowMs);
		if (ga !== gb) return ga - gb;
		if (ga === 1) return Date.parse(a.validFrom) - Date.parse(b.validFrom);
		return Date.parse(a.validUntil) - Date.parse(b.validUntil);
	});
}

/** The order value below which the coupon is declined, in minor units (leastOrder), or null when it has none. */
export function couponMinimum(coupon: Pick<Coupon, 'rule' | 'minimumSpend'>): number | null {
	const least = leastOrder(coupon.minimumSpend?.amount ?? null, coupon.rule);
	return least > 0 ? least : null;
}

/**
 * The minimum spend to tell a customer beside the coupon's rule, in minor units: the order value below which it is
 * declined, unless the rule already names as much ("¥10 off orders of ¥50 or more" needs no "orders of ¥20 or more",
 * but does need "orders of ¥80 or more"). Null when there is nothing to add.
 */
export function minimumToTell(coupon: Pick<Coupon, 'rule' | 'minimumSpend'>): number | null {
	const least = leastOrder(coupon.minimumSpend?.amount ?? null, coupon.rule);
	return least > ruleMinimum(coupon.rule) ? least : null;
}

/**
 * The next moment after `nowMs` when a coupon starts or stops being usable (its validFrom or validUntil), or
 * null when none lies ahead: the home screen looks at the clock again then, so a coupon that runs out while
 * the app is open is greyed out at once instead of looking usable until the list is read again.
 */
export function nextCouponChangeMs(coupons: readonly Coupon[], nowMs: number): number | null {
	let next: number | null = null;
	for (const c of coupons) {
		for (const at of [Date.parse(c.validFrom), Date.parse(c.validUntil)]) {
			if (at > nowMs && (next === null || at < next)) next = at;
		}
	}
	return next;
}

/**
 * Within this long of its end a coupon's hour matters ("until 14:00 today"); further away its date is enough.
 * Two days covers "today" and "tomorrow", the words a customer plans a purchase with.
 */
export const EXPIRY_HOUR_SHOWN_WITHIN_MS = 48 * 60 * 60 * 1000;

/**
 * How a coupon's end (or start) is worded: with its hour today, tomorrow or within two days; further away by its date,
 * with its hour too unless it falls at a day's edge.
 */
export type ExpiryWording = 'today' | 'tomorrow' | 'dateAndTime' | 'date';

/**
 * Whether an instant, on the phone's clock, is where a day begins or ends, so that its date alone says it: 00:00, and
 * for an end the day's last minute too (23:59, as the campaign form's end field gives it). The claim page and the poster
 * word a campaign's start and end so (campaign-dates.ts); the coupon's card words it as they do, or "Until 13 Jan" of
 * an end at 22:40 that day read as the whole day, where the offer the customer took had said "13 Jan, 22:40".
 */
function atDayEdge(ms: number, edge: 'start' | 'end'): boolean {
	const d = new Date(ms);
	if (d.getSeconds() !== 0 || d.getMilliseconds() !== 0) return false;
	const minute = d.getHours() * 60 + d.getMinutes();
	return minute === 0 || (edge === 'end' && minute === 23 * 60 + 59);
}

/**
 * The moment whose date is an end's last day, for "Until <date>": an end is exclusive, so one at a day's 00:00 (a
 * campaign's default end, its last day whole) is the day before's; any other minute's date is its own.
 */
export const lastDayOf = (end: string): string => new Date(Date.parse(end) - 1).toISOString();

/**
 * `nowMs` and `validUntil` are compared as days of the phone's own calendar (its time zone). `edge`: whether the
 * instant is a coupon's end (the default) or its start, which ends a day only at 00:00 (atDayEdge).
 */
export function expiryWording(validUntil: string, nowMs: number, edge: 'start' | 'end' = 'end'): ExpiryWording {
	const endMs = Date.parse(validUntil);
	if (endMs - nowMs > EXPIRY_HOUR_SHOWN_WITHIN_MS) return atDayEdge(endMs, edge) ? 'date' : 'dateAndTime';
	const end = new Date(endMs);
	const today = new Date(nowMs);
	const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
	const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
	if (sameDay(end, today)) return 'today';
	if (sameDay(end, tomorrow)) return 'tomorrow';
	return 'dateAndTime';
}

/**
 * An end at 00:00 of tomorrow or the day after, by the phone's calendar: a campaign's default end, its last day
 * whole. "Until 00:00 tomorrow" on a coupon's last day reads as if it had one more day; it says "until the end of
 * today" instead. Null for any other end, worded by `expiryWording`.
 */
export function wholeLastDay(validUntil: string, nowMs: number): 'today' | 'tomorrow' | null {
	const end = new Date(Date.parse(validUntil));
	if (end.getHours() !== 0 || end.getMinutes() !== 0 || end.getSeconds() !== 0 || end.getMilliseconds() !== 0) return null;
	const today = new Date(nowMs);
	const midnight = (days: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() + days).getTime();
	if (end.getTime() === midnight(1)) return 'today';
	if (end.getTime() === midnight(2)) return 'tomorrow';
	return null;
}

/**
 * Whether a payment's screen shows a "Coupon saving" line: only when a coupon was on its code (or something was
 * taken off). Without one, "Coupon saving ¥0.00" would suggest a saving was missed.
 */
export function showsCouponSaving(payment: Pick<Payment, 'couponId' | 'deduction'>): boolean {
	return payment.couponId !== null || payment.deduction.amount > 0;
}
