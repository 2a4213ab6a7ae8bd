/**
 * What a claim or share link's page reads before anything else: the offer behind the token. The
 * link may be wrong or old (404: say so, no retry helps) or the network may be down (offer a retry).
 */
import { ApiError } from '$lib/api/client';

export type OfferLinkError = 'notFound' | 'network';

export class OfferLink<T> {
	#offer = $state<T | null>(null);
	#error = $state<OfferLinkError | null>(null);
	readonly #read: () => Promise<T>;

	/** `read` fetches the offer; it is called by `load`, so a `$effect` that loads tracks what it reads. */
	constructor(read: () => Promise<T>) {
		this.#read = read;
	}

	get offer(): T | null {
		return this.#offer;
	}
	get error(): OfferLinkError | null {
		return this.#error;
	}

	load = async (): Promise<void> => {
		this.#error = null;
		try {
			this.#offer = await this.#read();
		} catch (e) {
			this.#error = e instanceof ApiError && e.status === 404 ? 'notFound' : 'network';
		}
	};
}
