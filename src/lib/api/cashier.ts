/** The cashier's and manager's calls (team brief, "The HTTP API"). Payments go through $lib/cashier/charge.ts. */
import { readPages, type ApiClient } from './client';
import type { CashierSession, Campaign, Money, NewCampaign, Payment, PaymentPage, Refund, WithToken, Coupon } from './types';

export const signInCashier = (api: ApiClient, merchant: string, handle: string, pin: string) =>
	api.post<WithToken<CashierSession>>('/sessions', { role: 'cashier', merchant, handle, pin });

/** A day's payments come in pages of this size; "Load more" fetches the next. */
export const PAYMENTS_PAGE_SIZE = 50;

/** The older pages of a day are read in the largest pages the API gives: a busy day is many pages. */
const OLDER_PAGE_SIZE = 200;
export const getPaymentsOfDay = (api: ApiClient, date: string, before: string | null = null) =>
	api.get<PaymentPage>(
		`/payments?limit=${before ? OLDER_PAGE_SIZE : PAYMENTS_PAGE_SIZE}&date=${date}${before ? `&before=${encodeURIComponent(before)}` : ''}`
	);

export const getPayment = (api: ApiClient, id: string) =>
	api.get<{ payment: Payment; refunds: Refund[] }>(`/payments/${encodeURIComponent(id)}`);

/** `amount` omitted refunds all that is left. The key is made once per refund intent by the caller. */
export const refundPayment = (api: ApiClient, id: string, idempotencyKey: string, amount?: Money) =>
	api.post<{ refund: Refund; payment: Payment }>(
		`/payments/${encodeURIComponent(id)}/refunds`,
		amount ? { amount } : {},
		{ idempotencyKey }
	);

/**
 * A declined payment the customer then paid in cash: recorded so that the day and Z reports count the cash.
 * The key is one per declined entry, so a retry after a lost answer records it once.
 */
export const notePaidInCash = (api: ApiClient, id: string, idempotencyKey: string, note: string) =>
	api.post<{ payment: Payment }>(`/payments/${encodeURIComponent(id)}/paid-in-cash`, { note }, { idempotencyKey });
/**
 * A declined payment the customer left without paying: recorded so that the reports count it apart, with no cash.
 * `note` may be ''.
 */
export const noteNotPaid = (api: ApiClient, id: string, idempotencyKey: string, note: string) =>
	api.post<{ payment: Payment }>(`/payments/${encodeURIComponent(id)}/not-paid`, { note }, { idempotencyKey });


/** Pages of campaigns read at most (200 a page, newest first). */
const CAMPAIGN_PAGES_MAX = 10;

export const getCampaigns = async (api: ApiClient) =>
	(await readPages<{ campaigns: Campaign[]; next?: string | null }>(api, '/campaigns', CAMPAIGN_PAGES_MAX)).flatMap((p) => p.campaigns);

export const createCampaign = (api: ApiClient, campaign: NewCampaign, idempotencyKey: string) =>
	api.post<{ campaign: Campaign }>('/campaigns', campaign, { idempotencyKey });

export const grantCoupon = (api: ApiClient, campaignId: string, customer: string, idempotencyKey: string) =>
	api.post<{ coupon: Coupon }>(`/campaigns/${encodeURIComponent(campaignId)}/grants`, { customer }, { idempotencyKey });

/** A top-up at the counter, as the API answers it (POST /api/topups). */
export interface CounterTopUp {
	id: string;
	amount: Money;
	customer: { handle: string };
	at: string;
}

/** Whose wallet the code names, to read back to the customer before the cash is put on it. Changes nothing. */
export const previewCounterTopUp = (api: ApiClient, code: string, amount: Money, scannedAt: Date) =>
	api.post<{ customer: { handle: string }; amount: Money }>('/topups/preview', { code, amount, scannedAt: scannedAt.toISOString() });

/** Cash the customer handed over, put on their wallet. One key per confirmed top-up, reused for its retries. */
export const counterTopUp = (api: ApiClient, code: string, amount: Money, scannedAt: Date, idempotencyKey: string) =>
	api.post<{ topUp: CounterTopUp }>('/topups', { code, amount, scannedAt: scannedAt.toISOString() }, { idempotencyKey });
