/**
 * Why the sign-in screen is up, when it was not the cashier's choice: a charge found that the server no
 * longer takes this tablet's sign-in, or another tab or window of the tablet signed out (or in as someone else). The
 * counter (and the sale on it) is gone once the session is, so the sign-in screen says what happened to that sale; and
 * a customer's code scanned there is kept for the counter, as it says. Made by the cashier layout, handed down by context.
 */
import { getContext, setContext } from 'svelte';
import type { Money } from '$lib/api/types';

/** A sale begun at the counter and not charged: its amount keyed, its customer's code taken (the last four digits), or both. */
export interface SaleBegun {
	amount: Money | null;
	last4: string | null;
}

export class SignInNotice {
	#notCharged = $state.raw<Money | null>(null);
	#saleLeft = $state.raw<SaleBegun | null>(null);
	#keptCode = $state<string | null>(null);
	#keptTimer: ReturnType<typeof setTimeout> | undefined;

	/** The amount of the sale that was refused because the session had ended, until the next sign-in. */
	get notCharged(): Money | null {
		return this.#notCharged;
	}

	saleRefused(amount: Money): void {
		this.#notCharged = amount;
	}

	/**
	 * The sale begun on this tab's counter when another tab signed out (or in as someone else): cleared, never charged
	 * under the next sign-in, and said, until the cashier signs in here or puts the notice away.
	 */
	get saleLeft(): SaleBegun | null {
		return this.#saleLeft;
	}

	saleCleared(sale: SaleBegun): void {
		this.#saleLeft = sale;
	}

	/**
	 * The last four digits of a customer's code scanned at sign-in, kept for the counter (off-counter-scans.svelte.ts), for
	 * as long as the counter would still take it (scan-handoff.ts): said after that, it promised a sale that is gone.
	 */
	get keptCode(): string | null {
		return this.#keptCode;
	}

	codeKept(last4: string, forMs: number): void {
		this.#keptCode = last4;
		clearTimeout(this.#keptTimer);
		this.#keptTimer = setTimeout(() => (this.#keptCode = null), forMs);
	}

	clear(): void {
		this.#notCharged = null;
		this.#saleLeft = null;
		this.#keptCode = null;
		clearTimeout(this.#keptTimer);
	}
}

const KEY = Symbol('cashier-sign-in-notice');
export const setSignInNotice = (n: SignInNotice) => setContext(KEY, n);
export const getSignInNotice = () => getContext<SignInNotice | undefined>(KEY);
