/**
 * The signed-in customer's data: wallet, coupons and the payments that arrive live. One instance
 * per signed-in session, created by the customer layout and handed down by context.
 */
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '$lib/api/client';
import { listenForPayments } from '$lib/api/events';
import { getCouponList, getWallet } from '$lib/api/customer';
import type { GivenCoupon } from '$lib/api/distribution';
import type { Coupon, Payment, Wallet } from '$lib/api/types';
import type { SessionStore } from '$lib/session/session.svelte';
import type { CustomerSession } from '$lib/api/types';

type PaymentListener = (payment: Payment) => void;

export class CustomerState {
	#wallet = $state<Wallet | null>(null);
	#coupons = $state<Coupon[] | null>(null);
	#given = $state<GivenCoupon[]>([]);
	#loadError = $state<unknown>(null);
	#live = $state(false);
	#listeners = new Set<PaymentListener>();
	#stopLive: (() => void) | null = null;

	constructor(readonly session: SessionStore<CustomerSession>) {}

	get api(): ApiClient {
		return this.session.api;
	}
	get wallet() {
		return this.#wallet;
	}
	get coupons() {
		return this.#coupons;
	}
	/** Coupons this customer shared and a friend claimed. */
	get given() {
		return this.#given;
	}
	get loadError() {
		return this.#loadError;
	}
	/** Whether the live stream is connected (results arrive without reloading). */
	get live() {
		return this.#live;
	}
	get currency(): string {
		return this.#wallet?.balance.currency ?? 'CNY';
	}

	async refresh(): Promise<void> {
		try {
			const [wallet, list] = await Promise.all([getWallet(this.api), getCouponList(this.api)]);
			this.#wallet = wallet;
			this.#coupons = list.coupons;
			this.#given = list.given;
			this.#loadError = null;
		} catch (e) {
			this.#loadError = e;
		}
	}

	/** Starts the live stream; each payment event refreshes the wallet and coupons and is passed on. */
	start(): () => void {
		this.#stopLive?.();
		this.#stopLive = listenForPayments(this.api, {
			onStatus: (up) => (this.#live = up),
			onPayment: (p) => {
				for (const l of this.#listeners) l(p);
				void this.refresh();
			}
		});
		return () => {
			this.#stopLive?.();
			this.#stopLive = null;
			this.#live = false;
		};
	}

	onPayment(listener: PaymentListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

const KEY = Symbol('customer');
export const setCustomer = (c: CustomerState) => setContext(KEY, c);
export const getCustomer = () => getContext<CustomerState>(KEY);
