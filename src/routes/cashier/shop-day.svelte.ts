/**
 * The shop's today as state that moves on while a screen is open: a "Today" list or a day report left open past
 * the shop's midnight follows the new day instead of staying on yesterday.
 */
import { today } from './cashier.svelte';

/** How often an open screen looks whether the shop's day has turned: a minute late at midnight is fine. */
export const DAY_CHECK_MS = 60_000;

export class ShopToday {
	#date = $state('');
	readonly #timeZone: () => string | undefined;

	/** `timeZone` is read at every look: the shop's zone comes with the session, which may arrive later. */
	constructor(timeZone: () => string | undefined) {
		this.#timeZone = timeZone;
		this.#date = today(timeZone());
	}

	/** The shop's date (YYYY-MM-DD) at the last look. */
	get date(): string {
		return this.#date;
	}

	/** Looks at the clock now. The day it turned from, or null when it has not turned since the last look. */
	check(): string | null {
		const now = today(this.#timeZone());
		if (now === this.#date) return null;
		const was = this.#date;
		this.#date = now;
		return was;
	}

	/** Looks every DAY_CHECK_MS and calls `onTurn` when the day turned; the returned function stops it (for onMount). */
	watch(onTurn: (was: string, now: string) => void): () => void {
		const timer = setInterval(() => {
			const was = this.check();
			if (was !== null) onTurn(was, this.#date);
		}, DAY_CHECK_MS);
		return () => clearInterval(timer);
	}
}
