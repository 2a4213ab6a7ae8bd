/** The customer's calls (team brief, "The HTTP API"). */
import type { TopUp } from '$lib/customer/history';
import { readPages, type ApiClient } from './client';
import type { GivenCoupon } from './distribution';
import type { Money } from '$lib/money/money';
import type { Coupon, CustomerSession, PayCode, Payment, PaymentPage, Refund, Wallet, WalletRefund, WithToken } from './types';

export const signInCustomer = (api: ApiClient, handle: string, pin: string) =>
	api.post<WithToken<CustomerSession>>('/sessions', { role: 'customer', handle, pin });

export const signUpCustomer = (api: ApiClient, handle: string, pin: string, idempotencyKey: string) =>
	api.post<{ customerId: string }>('/customers', { handle, pin }, { idempotencyKey });

export const getWallet = (api: ApiClient) => api.get<Wallet>('/wallet');

/** A simulated top-up (the server's external funding account; no real money moves). */
/** A top-up that went in: what was added, and the balance the server answered with. */
export interface TopUpDone {
	added: Money;
	balance: Money;
}

export const topUp = (api: ApiClient, amount: Money, idempotencyKey: string) =>
	api.post<{ balance: Money }>('/wallet/topups', { amount }, { idempotencyKey });

/** The customer's own PIN, the current one given; their other phones are signed out, this one stays. */
export const changePin = (api: ApiClient, currentPin: string, newPin: string, idempotencyKey: string) =>
	api.post<{ signedOutElsewhere: number }>('/customers/me/pin', { currentPin, newPin }, { idempotencyKey });

/** Pages of coupons read at most: 2,000 coupons, far beyond what a wallet holds. */
const COUPON_PAGES_MAX = 10;

/**
 * The coupons held, and those given away to friends (the sender still sees where they went). The list pages
 * (200 a page, newest first); every page is read, so a long-kept wallet still shows its usable coupons.
 */
export const getCouponList = async (api: ApiClient) => {
	const pages = await readPages<{ coupons: Coupon[]; given?: GivenCoupon[]; next?: string | null }>(api, '/coupons', COUPON_PAGES_MAX);
	return { coupons: pages.flatMap((p) => p.coupons), given: pages[0]!.given ?? [] };
};

/** A new code retires the previous one on the server, releasing its coupon. */
export const newPayCode = (api: ApiClient, couponId: string | null) =>
	api.post<PayCode>('/paycodes', couponId ? { couponId } : {});

/**
 * Puts this code away: it stops paying at once and its coupon is free again (204 also when it was no
 * longer live). Named, so that a request arriving late cannot retire a newer code.
 */
export const retirePayCode = (api: ApiClient, code: string) => api.del(`/paycodes/current?code=${encodeURIComponent(code)}`);

/** History page size: enough for a screen, small enough for a phone on a slow network. */
export const HISTORY_PAGE_SIZE = 20;

export const getPayments = (api: ApiClient, before: string | null = null, limit = HISTORY_PAGE_SIZE) =>
	api.get<PaymentPage>(`/payments?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);

/** A page of the wallet's top-ups, newest first (the API's page: up to 200). */
export const getTopUps = (api: ApiClient, before: string | null = null) =>
	api.get<{ topups: TopUp[]; next: string | null }>(`/wallet/topups${before ? `?before=${encodeURIComponent(before)}` : ''}`);

/** A page of the wallet's refunds, newest first, each dated when it was made (the API's page: up to 200). */
export const getRefunds = (api: ApiClient, before: string | null = null) =>
	api.get<{ refunds: WalletRefund[]; next: string | null }>(`/wallet/refunds${before ? `?before=${encodeURIComponent(before)}` : ''}`);

export const getPayment = (api: ApiClient, id: string) =>
	api.get<{ payment: Payment; refunds: Refund[] }>(`/payments/${encodeURIComponent(id)}`);
