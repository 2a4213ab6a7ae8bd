/**
 * The tablet's outbox for the cashier's screens, made by the cashier layout as it starts and handed down by context
 * (context.svelte.ts). Every charge goes through the tablet's outbox (IndexedDB): written first, then sent; queued
 * when there is no network, and sent by the sync engine when it returns (DESIGN.md "Offline cashier").
 */
import { onMount, untrack } from 'svelte';
import { LazyCashierOffline, setCashierOffline } from '$lib/offline/context.svelte';
import type { CashierSessionStore } from './cashier.svelte';

/**
 * Sets up the outbox under this cashier's sign-in, and runs its engine while a cashier is signed in. The outbox code
 * (Dexie) loads just after the first paint; a charge awaits it.
 */
export function setUpCashierOutbox(session: CashierSessionStore): LazyCashierOffline {
	const offline = setCashierOffline(
		new LazyCashierOffline({
			auth: () => {
				const s = session.session;
				return session.token && s
					? {
							token: session.token,
							merchantId: s.merchantId,
							cashierId: s.cashierId,
							currency: s.currency,
							offlineLimits: s.offlineLimits
						}
					: null;
			}
		})
	);
	onMount(() => {
		// Not awaited: the counter shows at once. Should the chunk not come, a charge loads it again.
		offline.load().catch((err: unknown) => console.error('offline outbox failed to load', err));
	});
	// The engine runs while a cashier is signed in: it drains at start, on `online`, and on its timer.
	$effect(() => {
		const loaded = offline.current;
		if (session.status !== 'signed-in' || !loaded) return;
		return untrack(() => loaded.engine.start());
	});
	return offline;
}
