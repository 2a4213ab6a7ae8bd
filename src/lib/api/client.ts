/**
 * The one place the front end talks HTTP to the API: base '/api', Bearer token, JSON in and out,
 * and every non-2xx answer turned into an ApiError carrying the API's stable error code.
 *
 * A 402 from POST /api/payments is a recorded decline, not a failure of the request, so callers
 * that expect one pass `accept: [402]` and get the body back instead of an exception.
 */
import type { ApiErrorBody } from './types';
import { noteAnswer } from './last-answer';
import { noteServerDate } from './server-clock';

export const API_BASE = '/api';

/** How long one request may take before we give up on it (a cashier must not stare at a spinner). */
export const REQUEST_TIMEOUT_MS = 15_000;

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly field?: string,
		/** RATE_LIMITED at a PIN check: the handle's own wrong PINs ('handle') or the network's ('address'). */
		readonly limit?: string,
		/** When the server said to try again (its Retry-After, in seconds, from when the answer came): epoch ms. */
		readonly retryAt?: number,
		/** A wrong PIN (INVALID_CREDENTIALS, WRONG_PIN): how many more the server allows before PIN checks pause. */
		readonly triesLeft?: number
	) {
		super(message);
		this.name = 'ApiError';
	}
}

/** The request never got an answer (offline, timeout, connection reset): its outcome is unknown. */
export class NetworkError extends Error {
	constructor(readonly cause: unknown) {
		super('The network did not answer.');
		this.name = 'NetworkError';
	}
}

export interface RequestOptions {
	body?: unknown;
	idempotencyKey?: string;
	/** Statuses answered with a JSON body the caller wants back instead of an ApiError. */
	accept?: number[];
	signal?: AbortSignal;
}

export interface ApiClient {
	readonly token: string | null;
	request<T>(method: string, path: string, opts?: RequestOptions): Promise<{ status: number; data: T }>;
	get<T>(path: string): Promise<T>;
	post<T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>): Promise<T>;
	del(path: string): Promise<void>;
}

/** `getToken` is read on every call, so signing in or out needs no new client. */
export function createApi(getToken: () => string | null, fetchImpl: typeof fetch = (...a) => fetch(...a)): ApiClient {
	async function request<T>(method: string, path: string, opts: RequestOptions = {}) {
		const headers: Record<string, string> = { Accept: 'application/json' };
		const token = getToken();
		if (token) headers.Authorization = `Bearer ${token}`;
		if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
		// State-changing requests must be JSON even when empty (the API answers 415 otherwise).
		if (method !== 'GET' && method !== 'DELETE') headers['Content-Type'] = 'application/json';

		const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
		const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
		let res: Response;
		const sentAt = Date.now();
		try {
			res = await fetchImpl(API_BASE + path, {
				method,
				headers,
				body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(opts.body ?? {}),
				signal
			});
		} catch (e) {
			throw new NetworkError(e);
		}
		noteServerDate(res.headers?.get?.('date') ?? null, sentAt, Date.now());
		// A 5xx (a balancer's 502, the API's 503 with its database away) or a 408 is no contact, as the outbox takes it
		// (offline/outcome.ts): counted, the offline banner's "last contact" moved on while the server was not there.
		if (res.status < 500 && res.status !== 408) noteAnswer();
		if (res.status === 204) return { status: res.status, data: undefined as T };
		let data: unknown = null;
		let text: string;
		try {
			text = await res.text();
		} catch (e) {
			// The answer was cut off (the page navigated away, the connection dropped): as unknown as no answer
			// at all. Read as an empty success, a session check signed the customer out.
			throw new NetworkError(e);
		}
		if (text) {
			try {
				data = JSON.parse(text);
			} catch {
				data = null;
			}
		}
		if (res.ok || opts.accept?.includes(res.status)) return { status: res.status, data: data as T };
		const err = (data as ApiErrorBody | null)?.error;
		const retryAfterS = Number(res.headers?.get?.('retry-after') ?? NaN);
		const retryAt = Number.isFinite(retryAfterS) && retryAfterS > 0 ? Date.now() + retryAfterS * 1000 : undefined;
		throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, err?.field, err?.limit, retryAt, err?.triesLeft);
	}

	return {
		get token() {
			return getToken();
		},
		request,
		get: async <T>(path: string) => (await request<T>('GET', path)).data,
		post: async <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
			(await request<T>('POST', path, { ...opts, body })).data,
		del: async (path: string) => {
			await request<void>('DELETE', path);
		}
	};
}

/** One id per user intent (a charge, a refund), reused for every retry of that intent. */
export function newIdempotencyKey(): string {
	return crypto.randomUUID();
}

/**
 * The key of a form's request: the same one again while the same intent (its body) is sent again after a lost
 * answer, so a retry cannot do it twice; a new one once the server answered, or for another intent.
 */
export class IntentKeys {
	#pending: { intent: string; key: string } | null = null;

	for(intent: string): string {
		if (this.#pending?.intent !== intent) this.#pending = { intent, key: newIdempotencyKey() };
		return this.#pending.key;
	}

	/** The request ended: its key is spent unless the answer was lost on the way (a NetworkError). */
	ended(error?: unknown): void {
		if (!(error instanceof NetworkError)) this.#pending = null;
	}
}

/**
 * Every page of a list the API pages newest first (`next` is the cursor for `?before=`), up to `maxPages`:
 * for lists a screen needs whole (a wallet's coupons, a shop's campaigns), which rarely pass one page.
 */
export async function readPages<P extends { next?: string | null }>(api: ApiClient, path: string, maxPages: number): Promise<P[]> {
	const pages: P[] = [];
	let next: string | null = null;
	do {
		const page: P = await api.get<P>(next ? `${path}${path.includes('?') ? '&' : '?'}before=${encodeURIComponent(next)}` : path);
		pages.push(page);
		next = page.next ?? null;
	} while (next && pages.length < maxPages);
	return pages;
}
