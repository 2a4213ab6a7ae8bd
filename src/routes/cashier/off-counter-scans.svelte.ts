/**
 * The handheld scanner away from the counter. The counter listens for the handheld scanner itself. On the other
 * cashier pages a scan is a customer waiting to pay: it opens the counter with their code taken (the amount still to
 * key), rather than being dropped without a word. On the manager's pages with forms (Campaigns, Staff, Shop settings)
 * it asks first, with a banner (ScannedAwayBanner.svelte): leaving at once would lose a half-filled campaign, PIN or
 * shop setting. Made by the cashier layout as it starts, its effects in their place among the layout's.
 */
import { untrack } from 'svelte';
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { listenForWedge } from '$lib/scan/wedge';
import type { CashierSessionStore } from './cashier.svelte';
import { KEPT_SALE_MS } from './counter-draft';
import type { ScanHandoff } from './scan-handoff';
import type { SignInNotice } from './sign-in-notice.svelte';

export class OffCounterScans {
	readonly #scanHandoff: ScanHandoff;
	readonly #onCounter = $derived(page.url.pathname === '/cashier');
	readonly #onFormPage = $derived(/^\/cashier\/(manage|staff|shop)(\/|$)/.test(page.url.pathname));
	/**
	 * The last four digits of a code scanned on a form page, waiting for "Charge it at the counter"; for as long as the
	 * counter would take it (scan-handoff.ts), then the banner goes with the code.
	 */
	#scannedAway = $state<{ last4: string } | null>(null);
	#keptAtSignIn = false;

	constructor(session: CashierSessionStore, scanHandoff: ScanHandoff, signInNotice: SignInNotice) {
		this.#scanHandoff = scanHandoff;
		$effect(() => {
			if (!this.#scannedAway) return;
			const timer = setTimeout(() => (this.#scannedAway = null), KEPT_SALE_MS);
			return () => clearTimeout(timer);
		});
		$effect(() => {
			if (session.status !== 'signed-in' || this.#onCounter) return;
			const askFirst = this.#onFormPage;
			return listenForWedge(window, (code, { inField }) => {
				scanHandoff.hold(code);
				// A scan into a field elsewhere (a partial refund being typed on Today) asks first too: leaving would lose it.
				if (askFirst || inField) this.#scannedAway = { last4: code.slice(-4) };
				else void goto('/cashier');
			});
		});
		// At sign-in (the session ended mid-rush, or the queue is already waiting), a scan went into the focused PIN
		// field with its Enter: a PIN of 18 digits, "Fill in every field", and the code lost. It is kept out of the
		// field and held for the counter instead, which takes it once the cashier is signed in.
		$effect(() => {
			if (session.status !== 'signed-out') return;
			return listenForWedge(window, (code) => {
				scanHandoff.hold(code);
				this.#keptAtSignIn = true;
				// Said for as long as the counter would take it: a card still saying "kept" after that promised a sale gone.
				signInNotice.codeKept(code.slice(-4), KEPT_SALE_MS);
			});
		});
		$effect(() => {
			if (session.status !== 'signed-in' || !this.#keptAtSignIn) return;
			this.#keptAtSignIn = false;
			// Signed in on another cashier page: the counter opens for the code, as for a scan there (not for a code dropped).
			if (!untrack(() => this.#onCounter) && scanHandoff.holding) void goto('/cashier');
		});
		// The banner is this page's: leaving for the counter hands the code over, leaving for another page drops it.
		$effect(() => {
			if (page.url.pathname !== '/cashier') untrack(() => scanHandoff.take());
			this.#scannedAway = null;
		});
	}

	/** The code scanned away from the counter that waits for "Charge it at the counter"; null when none. */
	get scannedAway(): { last4: string } | null {
		return this.#scannedAway;
	}

	/** The banner's Discard: the code is dropped, not charged. */
	discard(): void {
		this.#scanHandoff.take();
		this.#scannedAway = null;
	}
}
