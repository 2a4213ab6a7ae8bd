// Reloading for a new app version must never happen while a payment is being taken or the outbox
// is being sent: the cashier would lose the sale on screen, and a half-sent batch would wait for
// its lease to run out. Screens that are busy say so through a hold; the update waits for none.
//
// Plain TypeScript: each hold is a function that may read Svelte state, so `busy` is reactive
// wherever it is read in a template or an effect.

/** How often a waiting update looks again whether the counter is free. */
export const RELOAD_POLL_MS = 500;

export class ReloadGuard {
	readonly #holds = new Set<() => boolean>();

	/** Registers a check that says "not now"; returns the function that removes it. */
	hold(isBusy: () => boolean): () => void {
		this.#holds.add(isBusy);
		return () => this.#holds.delete(isBusy);
	}

	get busy(): boolean {
		for (const isBusy of this.#holds) if (isBusy()) return true;
		return false;
	}

	/** Resolves once no hold says busy (checked every RELOAD_POLL_MS). */
	async whenIdle(pollMs: number = RELOAD_POLL_MS): Promise<void> {
		while (this.busy) await new Promise((r) => setTimeout(r, pollMs));
	}
}
