/**
 * The "Edit limits" form of a running campaign as plain data, and its conversion to the API's change
 * (PATCH /api/campaigns/{id}): the end date (typed on the shop's clock, as in the create form), the stock and
 * the budget. Only what the manager changed is sent. The API only raises a stock or a budget (lowering one
 * could fall below what a sale deciding at that moment counts on) and adds none to a campaign without one,
 * so the form says that at the field rather than sending what would be refused. Pure, like campaign-form.ts.
 */
import type { CampaignView } from '$lib/api/distribution';
import type { Money } from '$lib/api/types';
import { parseWholeNumber } from '$lib/input/whole-number';
import { fromMinor, parseAmountText } from '$lib/money/entry';
import { fractionDigits } from '$lib/money/money';
import { endField, endInstant } from '../campaign-dates';
import { BUDGET_MAX_MINOR, STOCK_MAX } from '../campaign-form';

export interface LimitsForm {
	/** datetime-local value, in the shop's time zone. */
	validUntil: string;
	/** Empty when the campaign has no such limit (none can be added). */
	stock: string;
	budget: string;
}

export type LimitsError = 'required' | 'past' | 'order' | 'stockRange' | 'stockBelow' | 'amount' | 'budgetMax' | 'budgetBelow';
export type LimitsErrors = Partial<Record<keyof LimitsForm, LimitsError>>;

/** What PATCH /api/campaigns/{id} takes. */
export interface CampaignChange {
	validUntil?: string;
	stock?: number;
	budget?: Money;
}


/** The form filled with the campaign as it stands. */
export function limitsForm(c: CampaignView, timeZone: string): LimitsForm {
	return {
		// An end at a day's 00:00 (the create form's default) shows as the day before's 23:59, as it was typed.
		validUntil: endField(new Date(c.validUntil), timeZone),
		stock: c.stock === null ? '' : String(c.stock),
		budget: c.budget === null ? '' : fromMinor(c.budget.amount, fractionDigits(c.budget.currency))
	};
}

/**
 * The change the form asks for, or its errors. `change` is empty when nothing differs from the campaign.
 * `timeZone`: the shop's; `now`: when the manager presses Save.
 */
export function toCampaignChange(f: LimitsForm, c: CampaignView, timeZone: string, now: Date): { change: CampaignChange | null; errors: LimitsErrors } {
	const errors: LimitsErrors = {};
	const change: CampaignChange = {};

	// The end, compared to the minute: the field shows no seconds, so an unchanged field is no change. Read as the
	// create form reads it: 23:59 is the whole day (campaign-dates.ts endInstant).
	if (f.validUntil !== endField(new Date(c.validUntil), timeZone)) {
		const until = f.validUntil ? endInstant(f.validUntil, timeZone) : null;
		if (!until) errors.validUntil = 'required';
		else if (until.getTime() <= Date.parse(c.validFrom)) errors.validUntil = 'order';
		else if (until.getTime() <= now.getTime()) errors.validUntil = 'past';
		else change.validUntil = until.toISOString();
	}

	if (c.stock !== null) {
		// Read as the create form reads it: "１５０" or "1,000" is the number the manager meant.
		const stock = parseWholeNumber(f.stock);
		if (stock === null || stock < 1 || stock > STOCK_MAX) errors.stock = 'stockRange';
		else if (stock < c.stock) errors.stock = 'stockBelow';
		else if (stock !== c.stock) change.stock = stock;
	}

	if (c.budget !== null) {
		const text = f.budget.trim();
		const amount = text ? parseAmountText(text, c.budget.currency, 12) : null;
		if (amount === null || amount <= 0) errors.budget = text ? 'amount' : 'required';
		else if (amount > BUDGET_MAX_MINOR) errors.budget = 'budgetMax';
		else if (amount < c.budget.amount) errors.budget = 'budgetBelow';
		else if (amount !== c.budget.amount) change.budget = { amount, currency: c.budget.currency };
	}

	return Object.keys(errors).length > 0 ? { change: null, errors } : { change, errors };
}
