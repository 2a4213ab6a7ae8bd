/**
 * The shop's today as state that moves on while a screen is open: a "Today" list or a day report left open past
 * the shop's midnight follows the new day instead of staying on yesterday.
 */
import { untrack } from 'svelte';
import { today } from './cashier.svelte';

/** How often an open screen looks whether the shop's day has turned: a minute late at midnight is fine. */
export const DAY_CHECK_MS = 60_000;

/**
 * A whole day in a Day field's value. Chromium's date field gives '' until every part of the day is in, and while its
 * year is typed it gives each year on the way (0002-11-11, 0020-, 0202-, then 2026-11-11): those are not days yet.
 */
export const isDay = (value: string): boolean => /^[1-9]\d{3}-\d{2}-\d{2}$/.test(value);

/**
 * In a Day field's blur: the owner left the field (a tap elsewhere, Tab), not the tablet's window (another app, the
 * date picker's own window), after which the focus comes back to the field and the typing goes on.
 */
export const leftForGood = (): boolean => document.hasFocus();

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

	/**
	 * From a component's setup: calls `onTurn` when the shop's day turns, found by a look every DAY_CHECK_MS (the clock
	 * passed midnight) and at once when the shop's zone changes. The zone saved on the Shop page reaches the session a
	 * moment after "Saved." (it is read again from the server), and a Day report opened in that moment showed the old
	 * zone's day for up to a minute, until the next look: in Kiritimati the day after Pago Pago's.
	 */
	follow(onTurn: (was: string, now: string) => void): void {
		const look = () => {
			const was = this.check();
			if (was !== null) onTurn(was, this.#date);
		};
		$effect(() => {
			this.#timeZone();
			untrack(look);
		});
		$effect(() => {
			const timer = setInterval(look, DAY_CHECK_MS);
			return () => clearInterval(timer);
		});
	}
}
