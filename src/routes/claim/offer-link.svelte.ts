/**
 * What a claim or share link's page reads before anything else: the offer behind the token. The
 * link may be wrong or old (say so, no retry helps) or the network may be down (offer a retry).
 */
import { ApiError } from '$lib/api/client';

/** `withdrawn`: a poster's link the shop replaced after it leaked; the customer is told to ask for the current one. */
export type OfferLinkError = 'notFound' | 'withdrawn' | 'network';

/**
 * The server's answers that mean the link itself is no good: 400 for a token that is not even well formed (a
 * link cut off when it was copied), 404 for one that leads nowhere, 410 for one gone for good. Retrying any of
 * them gives the same answer, so the page says what is wrong instead of offering "Try again".
 */
const LINK_NOT_VALID_STATUSES: ReadonlySet<number> = new Set([400, 404, 410]);

export function offerLinkError(e: unknown): OfferLinkError {
	if (e instanceof ApiError && e.code === 'CLAIM_LINK_WITHDRAWN') return 'withdrawn';
	return e instanceof ApiError && LINK_NOT_VALID_STATUSES.has(e.status) ? 'notFound' : 'network';
}

export class OfferLink<T> {
	#offer = $state<T | null>(null);
	#error = $state<OfferLinkError | null>(null);
	/** What the failed read threw, for the retry banner to tell an unreachable server from one that erred. */
	#failure = $state<unknown>(null);
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
	get failure(): unknown {
		return this.#failure;
	}

	load = async (): Promise<void> => {
		this.#error = null;
		this.#failure = null;
		try {
			this.#offer = await this.#read();
		} catch (e) {
			this.#error = offerLinkError(e);
			this.#failure = e;
		}
	};
}

/**
 * The token of a link as pasted: a link put in a chat sentence often takes the sentence's full stop or bracket
 * with it ("…/claim/abc123)."), and a token is made of letters, digits, - and _ only, so whatever follows them
 * is not part of it.
 */
export function linkToken(fromPath: string | undefined): string {
	return /^[A-Za-z0-9_-]*/.exec(fromPath ?? '')![0];
}
