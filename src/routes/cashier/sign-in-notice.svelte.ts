/**
 * Why the sign-in screen is up, when it was not the cashier's choice: a charge found that the server no
 * longer takes this tablet's sign-in. The counter (and the sale on it) is gone once the session is, so the
 * sign-in screen says what happened to that sale. Made by the cashier layout, handed down by context.
 */
import { getContext, setContext } from 'svelte';
import type { Money } from '$lib/api/types';

export class SignInNotice {
	#notCharged = $state.raw<Money | null>(null);

	/** The amount of the sale that was refused because the session had ended, until the next sign-in. */
	get notCharged(): Money | null {
		return this.#notCharged;
	}

	saleRefused(amount: Money): void {
		this.#notCharged = amount;
	}

	clear(): void {
		this.#notCharged = null;
	}
}

const KEY = Symbol('cashier-sign-in-notice');
export const setSignInNotice = (n: SignInNotice) => setContext(KEY, n);
export const getSignInNotice = () => getContext<SignInNotice | undefined>(KEY);
