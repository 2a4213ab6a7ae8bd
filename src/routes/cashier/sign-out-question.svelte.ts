/**
 * The question Sign out asks first. Queued payments are sent only with a signed-in cashier's token: signing out
 * strands them until someone signs in here again, so a cashier leaving with payments unsent is asked first; so is one
 * leaving a sale begun at the counter. Made by the cashier layout as it starts, its effects in their place among the
 * layout's; SignOutDialog.svelte draws it.
 */
import { untrack } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import type { CashierSession } from '$lib/api/types';
import type { LazyCashierOffline } from '$lib/offline/context.svelte';
import type { SessionStore } from '$lib/session/session.svelte';
import type { CounterDraftKeeper } from './counter-draft';
import type { SaleBegun } from './sign-in-notice.svelte';
import { saleBegun, type SignOutState } from './sign-out-words';

export class SignOutQuestion {
	readonly #session: SessionStore<CashierSession>;
	readonly #offline: LazyCashierOffline;
	readonly #counterDraft: CounterDraftKeeper;
	readonly #endSignIn: () => unknown;
	#open = $state(false);
	/**
	 * The sales unsent while the question is open. Once they have gone, it says how they ended: "All payments sent"
	 * when one was declined (the network back while the question was open) was a check mark over a sale not paid.
	 */
	readonly #askedAbout = new SvelteSet<string>();
	/**
	 * The sale begun and not charged (an amount keyed, a customer's code taken) as Sign out was tapped, on the counter
	 * or kept for it: signing out clears it, and it was gone without a word (a tap beside the language switch, on a phone).
	 */
	#unfinishedSale = $state<SaleBegun | null>(null);
	// Every payment not yet answered, a sale still being sent at the counter included.
	readonly #unsent: number;
	/** Of those asked about, the ones declined when sent: they wait in "Declined after sending" at the counter. */
	readonly #declinedWhileAsked: number;

	/** `endSignIn`: the sign-out itself, noted and sent (sign-outs.ts). */
	constructor(session: SessionStore<CashierSession>, offline: LazyCashierOffline, counterDraft: CounterDraftKeeper, endSignIn: () => unknown) {
		this.#session = session;
		this.#offline = offline;
		this.#counterDraft = counterDraft;
		this.#endSignIn = endSignIn;
		this.#unsent = $derived(offline.current?.outbox.pending.length ?? 0);
		this.#declinedWhileAsked = $derived(
			(offline.current?.outbox.answered ?? []).filter((e) => e.state === 'declined' && this.#askedAbout.has(e.idempotencyKey)).length
		);
		$effect(() => {
			if (!this.#open) return;
			for (const e of this.#offline.current?.outbox.pending ?? []) untrack(() => this.#askedAbout.add(e.idempotencyKey));
		});
		// The sign-out question has nothing left to ask once this tab is signed out (another tab did it).
		$effect(() => {
			if (session.status !== 'signed-in') this.#open = false;
		});
	}

	/** Sign out was tapped: asked first while something would be lost, else signed out at once. */
	ask(): void {
		this.#askedAbout.clear();
		for (const e of this.#offline.current?.outbox.pending ?? []) this.#askedAbout.add(e.idempotencyKey);
		this.#unfinishedSale = saleBegun(this.#counterDraft.begun, this.#session.session?.currency);
		if (this.#unsent > 0 || this.#unfinishedSale) this.#open = true;
		else void this.#endSignIn();
	}

	get open(): boolean {
		return this.#open;
	}

	/** Put away without signing out. */
	close(): void {
		this.#open = false;
	}

	/** Signed out after all. */
	signOut(): void {
		this.#open = false;
		void this.#endSignIn();
	}

	/** What the question's words and buttons are drawn from (sign-out-words.ts). */
	get state(): SignOutState {
		return {
			unsent: this.#unsent,
			declinedWhileAsked: this.#declinedWhileAsked,
			unfinishedSale: this.#unfinishedSale,
			offlineWindowMs: this.#session.session?.offlineWindowMs
		};
	}
}
