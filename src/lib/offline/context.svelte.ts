// The cashier's offline machinery, made once per cashier layout and handed down by context (not a
// module singleton). Dexie and the sync engine are not in the first load: `load()` fetches them
// right after the first paint, and `ready` is what a charge awaits, so every payment still goes
// through the outbox (written to IndexedDB before it is sent). Views that only show the outbox
// (the network pill, the banner, the declined list) read `current` and appear once it is there.
import { getContext, setContext } from 'svelte';
import type { CashierOffline, CashierOfflineOptions } from './runtime';

export type { CashierOffline, CashierOfflineOptions } from './runtime';

export class LazyCashierOffline {
	readonly #options: CashierOfflineOptions;
	#current = $state.raw<CashierOffline | null>(null);
	#loading: Promise<CashierOffline> | null = null;

	constructor(options: CashierOfflineOptions) {
		this.#options = options;
	}

	/** The engine and the outbox once loaded; null before. */
	get current(): CashierOffline | null {
		return this.#current;
	}

	/**
	 * Loads the offline machinery (once). A failed load (a chunk the network could not deliver) is
	 * forgotten, so the next call tries again.
	 */
	load(): Promise<CashierOffline> {
		this.#loading ??= import('./runtime').then(
			({ createCashierOffline }) => (this.#current = createCashierOffline(this.#options)),
			(err: unknown) => {
				this.#loading = null;
				throw err;
			}
		);
		return this.#loading;
	}

	/** Resolves with the engine and outbox, loading them if nothing has yet. */
	get ready(): Promise<CashierOffline> {
		return this.load();
	}
}

const KEY = Symbol('cashier-offline');
export const setCashierOffline = (o: LazyCashierOffline) => setContext(KEY, o);
export const getCashierOffline = () => getContext<LazyCashierOffline>(KEY);
