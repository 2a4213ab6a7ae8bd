/** The customer's calls (team brief, "The HTTP API"). */
import type { ApiClient } from './client';
import type { GivenCoupon } from './distribution';
import type { Coupon, CustomerSession, PayCode, Payment, PaymentPage, Refund, Wallet, WithToken } from './types';

export const signInCustomer = (api: ApiClient, handle: string, pin: string) =>
	api.post<WithToken<CustomerSession>>('/sessions', { role: 'customer', handle, pin });

export const signUpCustomer = (api: ApiClient, handle: string, pin: string) =>
	api.post<{ customerId: string }>('/customers', { handle, pin });

export const getWallet = (api: ApiClient) => api.get<Wallet>('/wallet');

export const getCoupons = async (api: ApiClient) => (await getCouponList(api)).coupons;

/** The coupons held, and those given away to friends (the sender still sees where they went). */
export const getCouponList = async (api: ApiClient) => {
	const r = await api.get<{ coupons: Coupon[]; given?: GivenCoupon[] }>('/coupons');
	return { coupons: r.coupons, given: r.given ?? [] };
};

/** A new code retires the previous one on the server, releasing its coupon. */
export const newPayCode = (api: ApiClient, couponId: string | null) =>
	api.post<PayCode>('/paycodes', couponId ? { couponId } : {});

/** History page size: enough for a screen, small enough for a phone on a slow network. */
export const HISTORY_PAGE_SIZE = 20;

export const getPayments = (api: ApiClient, before: string | null = null, limit = HISTORY_PAGE_SIZE) =>
	api.get<PaymentPage>(`/payments?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);

export const getPayment = (api: ApiClient, id: string) =>
	api.get<{ payment: Payment; refunds: Refund[] }>(`/payments/${encodeURIComponent(id)}`);
