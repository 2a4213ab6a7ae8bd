/**
 * Signed out with sales still queued ("Sign out anyway"), the sign-in screen says they wait for a sign-in: they go
 * out only once a cashier of the shop signs in here, and one older than 24 hours is then declined. Read as the
 * screen opens (nothing is sent while signed out, so the count does not move under it). Made by the cashier layout
 * as it starts, its effects in their place among the layout's.
 */
import { untrack } from 'svelte';
import type { Money } from '$lib/api/types';
import type { LazyCashierOffline } from '$lib/offline/context.svelte';
import type { CashierSessionStore } from './cashier.svelte';
import { OFFLINE_WINDOW_KEY, tabletStorage, waitingDeadline } from './offline-window';

/** The sales waiting, their total, and by when they must go out (offline-window.ts). */
export interface WaitingSales {
	count: number;
	total: Money | null;
	deadline: string | null;
}

export class WaitingForSignIn {
	#current = $state<WaitingSales | null>(null);

	constructor(session: CashierSessionStore, offline: LazyCashierOffline) {
		// The server's window, kept on the tablet while a session says it: the sign-in screen has no session to ask.
		$effect(() => {
			const windowMs = session.session?.offlineWindowMs;
			try {
				if (windowMs) tabletStorage()?.setItem(OFFLINE_WINDOW_KEY, String(windowMs));
			} catch {
				// Storage full: the line says the default.
			}
		});
		$effect(() => {
			const loaded = offline.current;
			if (session.status !== 'signed-out' || !loaded) {
				this.#current = null;
				return;
			}
			let current = true;
			void untrack(() => loaded.engine.waitingForSignIn()).then(
				({ count, total, firstScannedAt }) => {
					const deadline = waitingDeadline(firstScannedAt, tabletStorage()?.getItem(OFFLINE_WINDOW_KEY));
					if (current) this.#current = { count, total, deadline };
				},
				() => undefined
			);
			return () => {
				current = false;
			};
		});
	}

	/** Null while signed in, or before the outbox has loaded or been read. */
	get current(): WaitingSales | null {
		return this.#current;
	}
}
