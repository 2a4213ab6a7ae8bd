/**
 * The signed-in customer's data: wallet, coupons and the payments that arrive live. One instance
 * per signed-in session, created by the customer layout and handed down by context.
 */
import { getContext, setContext } from 'svelte';
import { NetworkError, type ApiClient } from '$lib/api/client';
import { listenForPayments } from '$lib/api/events';
import { getCouponList, getWallet } from '$lib/api/customer';
import type { GivenCoupon } from '$lib/api/distribution';
import type { Coupon, Payment, Wallet } from '$lib/api/types';
import { loadCustomerSnapshot, saveCustomerSnapshot } from '$lib/offline/customer-cache';
import type { SessionStore } from '$lib/session/session.svelte';
import type { CustomerSession } from '$lib/api/types';

type PaymentListener = (payment: Payment) => void;

export class CustomerState {
	#wallet = $state<Wallet | null>(null);
	#coupons = $state<Coupon[] | null>(null);
	#given = $state<GivenCoupon[]>([]);
	#loadError = $state<unknown>(null);
	#live = $state(false);
	#offlineSince = $state<string | null>(null);
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

	/** When the wallet and coupons shown are a snapshot kept on the phone (no network), its time. */
	get offlineSince(): string | null {
		return this.#offlineSince;
	}

	async refresh(): Promise<void> {
		const customerId = this.session.session?.customerId;
		try {
			const [wallet, list] = await Promise.all([getWallet(this.api), getCouponList(this.api)]);
			this.#wallet = wallet;
			this.#coupons = list.coupons;
			this.#given = list.given;
			this.#loadError = null;
			this.#offlineSince = null;
			// Kept on the phone so the screen still shows them with no network.
			if (customerId) saveCustomerSnapshot(localStorage, customerId, { wallet, coupons: list.coupons, savedAt: new Date().toISOString() });
		} catch (e) {
			this.#loadError = e;
			const snapshot = customerId && e instanceof NetworkError ? loadCustomerSnapshot<Wallet, Coupon>(localStorage, customerId) : null;
			if (snapshot && !this.#wallet) {
				this.#wallet = snapshot.wallet;
				this.#coupons = snapshot.coupons;
				this.#offlineSince = snapshot.savedAt;
			} else if (snapshot) {
				this.#offlineSince ??= snapshot.savedAt;
			}
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
