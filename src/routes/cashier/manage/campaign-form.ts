/**
 * The manager's campaign form as plain data, and its conversion to the API's NewCampaign:
 * amounts typed as text ("10", "12.50") become minor units, blank optional fields are left out.
 * Dates are typed as the shop's clock shows them (its time zone, not the tablet's): "2 Dec 00:00"
 * is midnight at the shop, which is when its posters and its day report say the offer starts.
 * Pure, so it is easy to reason about which errors a manager can see.
 */
import type { CouponRule, NewCampaign } from '$lib/api/types';
import { hasOwnMinimum, smallestSaving } from '$lib/customer/coupon-rules';
import { parseWholeNumber } from '$lib/input/whole-number';
import { parseAmountText } from '$lib/money/entry';
import { PAYMENT_AMOUNT_MAX_MINOR } from '$lib/money/money';
import { instantToWallClock, wallClockToInstant } from '$lib/time/wall-clock';
import { endInstant } from './campaign-dates';

export type RuleKind = CouponRule['kind'];

export interface CampaignForm {
	title: string;
	kind: RuleKind;
	off: string;
	percent: string;
	cap: string;
	minimum: string;
	validFrom: string; // datetime-local value, in the shop's time zone
	validUntil: string;
	minimumSpend: string;
	stock: string;
	perCustomerLimit: string;
	budget: string;
	/** Customers may pass the campaign's coupons on to a friend. */
	shareable: boolean;
}

export type FormError =
	| 'required'
	| 'amount'
	| 'amountMax'
	| 'budgetMax'
	| 'budgetBelowOff'
	| 'stockRange'
	| 'limitRange'
	| 'percent'
	| 'order'
	| 'past'
	| 'tooBig'
	| 'overMinimumSpend';
export type FormErrors = Partial<Record<Exclude<keyof CampaignForm, 'shareable'>, FormError>>;

/**
 * The API's limits (api/money.ts CAMPAIGN_BUDGET_MAX_MINOR; api/coupons/routes.ts CAMPAIGN_STOCK_MAX,
 * PER_CUSTOMER_LIMIT_MAX, CAMPAIGN_TITLE_MAX), checked here so a manager reads them in words;
 * tests/unit/api/campaign-limits.test.ts holds the two sides to the same numbers.
 */
export const BUDGET_MAX_MINOR = 100 * PAYMENT_AMOUNT_MAX_MINOR;
export const STOCK_MAX = 10_000_000;
export const PER_CUSTOMER_MAX = 1000;

/** The longest title the API accepts; longer ones are cut by the field itself. */
export const TITLE_MAX = 80;

export function emptyForm(now: Date, timeZone: string): CampaignForm {
	// Ends at the end of the day thirty days on, on the shop's clock: the poster then says that day, and it is
	// the whole day (it ended at this very minute, 15:28, while the poster said only the day; campaign-dates.ts).
	// Shown as that day's 23:59, it is sent as the next day's 00:00: an end is exclusive, and an end at 23:59 left
	// the day's last minute out (endInstant).
	const in30Days = new Date(now.getTime() + 30 * 24 * 3600_000);
	return {
		title: '',
		kind: 'fixed',
		off: '',
		percent: '',
		cap: '',
		minimum: '',
		validFrom: instantToWallClock(now, timeZone),
		validUntil: `${instantToWallClock(in30Days, timeZone).slice(0, 10)}T23:59`,
		minimumSpend: '',
		stock: '',
		perCustomerLimit: '1',
		budget: '',
		shareable: false
	};
}

/** Whether a field holds zero written some way ("0", "0.00", "¥0", "０"). */
function isZero(text: string, currency: string): boolean {
	return text.trim() !== '' && parseAmountText(text.trim(), currency, 12) === 0;
}

/** `timeZone`: the shop's, in which the form's date-times are read; `now`: when the manager presses Create. */
export function toCampaign(f: CampaignForm, currency: string, timeZone: string, now: Date): { campaign: NewCampaign | null; errors: FormErrors } {
	const errors: FormErrors = {};
	type TextKey = Exclude<keyof CampaignForm, 'shareable'>;
	const amount = (key: TextKey, required: boolean, max = PAYMENT_AMOUNT_MAX_MINOR, tooLarge: FormError = 'amountMax'): number | undefined => {
		const text = f[key].trim();
		if (!text) {
			if (required) errors[key] = 'required';
			return undefined;
		}
		// Up to 12 digits before the point, so that too large an amount is named as that, not as unreadable.
		const v = parseAmountText(text, currency, 12);
		if (v === null || v <= 0) errors[key] = 'amount';
		else if (v > max) errors[key] = tooLarge;
		return v ?? undefined;
	};
	const integer = (key: TextKey, min: number, max: number, error: FormError): number | undefined => {
		if (!f[key].trim()) return undefined;
		// "１５" (a full-width IME), "10,000", "20%" in the percent field: the number the manager meant.
		const v = parseWholeNumber(f[key], { percent: key === 'percent' });
		if (v === null || v < min || v > max) {
			errors[key] = error;
			return undefined;
		}
		return v;
	};

	const title = f.title.trim();
	if (!title) errors.title = 'required';

	let rule: CouponRule | null = null;
	if (f.kind === 'fixed') {
		const off = amount('off', true);
		if (off !== undefined) rule = { kind: 'fixed', off };
	} else if (f.kind === 'percent') {
		if (!f.percent.trim()) errors.percent = 'required';
		const percent = integer('percent', 1, 100, 'percent');
		const cap = amount('cap', false);
		if (percent !== undefined) rule = { kind: 'percent', percent, cap: cap ?? null };
	} else if (f.kind === 'threshold') {
		const minimum = amount('minimum', true);
		const off = amount('off', true);
		if (minimum !== undefined && off !== undefined) {
			if (off > minimum) errors.off = 'tooBig';
			rule = { kind: 'threshold', minimum, off };
		}
	} else {
		// A new kind of rule must be read from the form here; the compiler refuses one left out.
		const unread: never = f.kind;
		throw new Error(`no form for rule kind ${String(unread)}`);
	}

	const from = f.validFrom ? wallClockToInstant(f.validFrom, timeZone) : null;
	const until = f.validUntil ? endInstant(f.validUntil, timeZone) : null;
	if (!until) errors.validUntil = 'required';
	else if (from && until <= from) errors.validUntil = 'order';
	// A campaign that has already ended gives out coupons no one can use (the API would make it all the same).
	else if (until.getTime() <= now.getTime()) errors.validUntil = 'past';

	// A threshold's own "Order of at least" is its minimum (hasOwnMinimum): the form hides the separate minimum spend then, and a
	// value typed there under another kind is not sent. Sent, one above the threshold made the poster promise
	// "¥10 off orders of ¥50 or more" beside "On orders of ¥80 or more", and a ¥60 order was declined.
	// A minimum spend of 0 is none, as the API reads it (rules.ts ruleProblem): an owner types "0" for "no minimum"
	// in a field that says "Optional", and was told to enter an amount.
	const minimumSpend = hasOwnMinimum(f.kind) || isZero(f.minimumSpend, currency) ? undefined : amount('minimumSpend', false);
	// The saving at the smallest order (a set amount: fixed, threshold; not a percent), as the API's ruleProblem judges it.
	const saving = rule ? smallestSaving(rule) : null;
	// The threshold rule's own check, for a fixed saving with a minimum spend: "¥10 off" on orders of ¥5 or more
	// would let a ¥6 order pay nothing. A saving equal to the minimum is allowed, as for a threshold.
	if (saving !== null && minimumSpend !== undefined && !errors.minimumSpend && saving > minimumSpend) errors.off = 'overMinimumSpend';
	const budget = amount('budget', false, BUDGET_MAX_MINOR, 'budgetMax');
	// A budget smaller than one saving: every use would be declined (BUDGET_EXHAUSTED).
	if (budget !== undefined && !errors.budget && saving !== null && budget < saving) errors.budget = 'budgetBelowOff';
	const stock = integer('stock', 1, STOCK_MAX, 'stockRange');
	const perCustomerLimit = integer('perCustomerLimit', 1, PER_CUSTOMER_MAX, 'limitRange');

	if (Object.keys(errors).length > 0 || !rule || !until) return { campaign: null, errors };
	const money = (a: number) => ({ amount: a, currency });
	const campaign: NewCampaign = {
		title: title.slice(0, TITLE_MAX),
		rule,
		validUntil: until.toISOString(),
		...(from ? { validFrom: from.toISOString() } : {}),
		...(minimumSpend !== undefined ? { minimumSpend: money(minimumSpend) } : {}),
		...(stock !== undefined ? { stock } : {}),
		...(perCustomerLimit !== undefined ? { perCustomerLimit } : {}),
		...(budget !== undefined ? { budget: money(budget) } : {}),
		...(f.shareable ? { shareable: true } : {})
	};
	return { campaign, errors };
}

/**
 * A percent off at or above this, with no cap on one saving, is asked about when nothing else limits it: from half
 * off, every order however large costs the shop as much as the customer pays, or more.
 */
export const OPEN_PERCENT_MIN = 50;

/**
 * What a campaign could cost with nothing to stop it but ending it, or null when something limits it. No budget and
 * no stock can be added once a campaign is made (the API's BUDGET_NOT_RAISED, STOCK_NOT_RAISED: they only go up),
 * so a campaign made without either, whose one saving is large, is summed up for the manager to confirm: a percent
 * of OPEN_PERCENT_MIN or more with no cap (100% makes every order free), or a fixed saving with no minimum spend
 * (every order up to the saving is free). A threshold is always held to its minimum.
 */
export type OpenExposure = { kind: 'percent'; percent: number } | { kind: 'fixed'; off: number };

export function openExposure(c: NewCampaign): OpenExposure | null {
	if (c.budget !== undefined || c.stock !== undefined) return null;
	// A switch: a new kind of rule must say whether it can cost the shop that much (the compiler refuses one left out).
	switch (c.rule.kind) {
		case 'percent':
			return c.rule.cap === null && c.rule.percent >= OPEN_PERCENT_MIN ? { kind: 'percent', percent: c.rule.percent } : null;
		case 'fixed':
			return c.minimumSpend === undefined ? { kind: 'fixed', off: c.rule.off } : null;
		case 'threshold':
			return null;
	}
}
