// The cashier's offline machinery, made once per cashier layout and handed down by context (not a
// module singleton): the sync engine, and the outbox state the screens read.
import { getContext, setContext } from 'svelte';
import { PosOfflineDb } from './db';
import { SyncEngine } from './engine';
import { defaultOfflineLimits, type OfflineLimits } from './limits';
import { OutboxState } from './outbox.svelte';
import type { CashierAuth } from './types';

export interface CashierOffline {
	engine: SyncEngine;
	outbox: OutboxState;
}

export interface CashierOfflineOptions {
	/** The signed-in cashier (token, merchant, cashier), or null when signed out. */
	auth: () => (CashierAuth & { currency: string }) | null;
	/** This merchant's offline limits; the defaults until the API serves them. */
	limits?: (currency: string) => OfflineLimits;
}

export function createCashierOffline(options: CashierOfflineOptions): CashierOffline {
	const engine = new SyncEngine({
		db: new PosOfflineDb(),
		auth: options.auth,
		limits: () => (options.limits ?? defaultOfflineLimits)(options.auth()?.currency ?? 'CNY')
	});
	const outbox = new OutboxState(engine, () => options.auth()?.merchantId ?? null);
	return { engine, outbox };
}

const KEY = Symbol('cashier-offline');
export const setCashierOffline = (o: CashierOffline) => setContext(KEY, o);
export const getCashierOffline = () => getContext<CashierOffline>(KEY);
