// The cashier's offline machinery itself: Dexie, the sync engine and the outbox state. This module
// is loaded lazily (context.svelte.ts imports it dynamically), so the keypad and sign-in paint
// without waiting for IndexedDB's ~30 KB wrapper; a charge waits for it before it is taken.
import { PosOfflineDb } from './db';
import { SyncEngine } from './engine';
import { limitsOf, type SessionOfflineLimits } from './limits';
import { OutboxState } from './outbox.svelte';
import type { CashierAuth } from './types';

export interface CashierOffline {
	engine: SyncEngine;
	outbox: OutboxState;
}

export interface CashierOfflineOptions {
	/**
	 * The signed-in cashier (token, merchant, cashier, currency, and the shop's offline limits as the
	 * session answer carries them), or null when signed out.
	 */
	auth: () => (CashierAuth & { currency: string; offlineLimits?: SessionOfflineLimits }) | null;
}

export function createCashierOffline(options: CashierOfflineOptions): CashierOffline {
	const engine = new SyncEngine({
		db: new PosOfflineDb(),
		auth: options.auth,
		reportUnsent: true,
		limits: () => {
			const auth = options.auth();
			return limitsOf(auth?.currency ?? 'CNY', auth?.offlineLimits);
		}
	});
	const outbox = new OutboxState(engine, () => options.auth()?.merchantId ?? null);
	return { engine, outbox };
}
