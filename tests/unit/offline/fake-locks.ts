// A stand-in for the Web Locks API shared by the tabs of one origin: each tab gets a lock manager of its own,
// the locks are the origin's, and a tab that goes (closed, reloaded) loses its locks at once while what it was
// doing never finishes, as in a browser.
import type { LockManagerLike } from '../../../src/lib/offline/lock';

export class FakeOriginLocks {
	readonly #held = new Map<string, string>();
	readonly #waiting = new Map<string, (() => void)[]>();
	readonly #gone = new Set<string>();

	/** The lock manager of the tab named `tab`. */
	tab(tab: string): Required<LockManagerLike> {
		return {
			request: <T>(name: string, callback: () => Promise<T>) =>
				new Promise<T>((resolve, reject) => {
					const grant = () => {
						if (this.#gone.has(tab)) return this.#release(name); // a tab that has gone gets nothing more: the next waiter does
						this.#held.set(name, tab);
						Promise.resolve()
							.then(callback)
							.then(resolve, reject)
							.finally(() => {
								if (this.#held.get(name) === tab && !this.#gone.has(tab)) this.#release(name);
							});
					};
					if (this.#held.has(name)) this.#waiting.set(name, [...(this.#waiting.get(name) ?? []), grant]);
					else grant();
				}),
			query: async () => ({ held: [...this.#held.keys()].map((name) => ({ name })) })
		};
	}

	/** The tab goes: its locks are freed, and what it was waiting for never comes back to it. */
	close(tab: string): void {
		this.#gone.add(tab);
		for (const [name, holder] of [...this.#held]) if (holder === tab) this.#release(name);
	}

	get heldNames(): string[] {
		return [...this.#held.keys()];
	}

	#release(name: string): void {
		this.#held.delete(name);
		const next = this.#waiting.get(name)?.shift();
		if (next) next();
	}
}
