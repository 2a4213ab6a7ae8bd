// What an answer from the server means for an outbox entry. Pure: no fetch, no database.
//
// The rule that matters: only a real verdict from the server (201 or 402) or a request error
// that a retry cannot fix ends an entry. Anything that might mean "the server never saw it" or
// "the answer was lost" keeps it queued, to be sent again with the same Idempotency-Key.
import type { Payment, ServerError } from './types';

export type SendOutcome =
	/** The server charged the customer. */
	| { kind: 'succeeded'; payment: Payment }
	/** The server recorded a declined payment (402), with its reason. */
	| { kind: 'declined'; payment: Payment; error: ServerError | null }
	/** The server refused the request itself (a 4xx that retrying won't change): kept and listed. */
	| { kind: 'rejected'; error: ServerError }
	/** No verdict: network failure, 5xx, 408, a lost or garbled answer. Send again later. */
	| { kind: 'retry'; error: string }
	/**
	 * The server answered "too many unknown codes, wait" (429 RATE_LIMITED): it is there and it did nothing
	 * (the request rolled back). Not a reason to think the tablet is offline. A queued entry is sent again
	 * later; a sale at the counter is refused on the spot (engine.ts).
	 */
	| { kind: 'rate_limited'; error: ServerError }
	/** The session token was refused: keep the entry queued and wait for the cashier to sign in. */
	| { kind: 'unauthorized'; error: string };

/**
 * Error codes that mean "not now" rather than "never": the first request with this key is
 * still running, the server is busy, or it failed inside. A batch item can carry them.
 */
const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
	'IN_PROGRESS',
	// The server's word for "another request used this code at the same instant": settling again gives the verdict.
	'CONFLICT',
	// The database was briefly away (503 with Retry-After).
	'UNAVAILABLE',
	'INTERNAL',
	'INTERNAL_ERROR',
	'SERVICE_UNAVAILABLE',
	'TIMEOUT'
]);

export function isRetryableErrorCode(code: string): boolean {
	return RETRYABLE_ERROR_CODES.has(code);
}

/** The answer to `POST /api/payments` (or a whole `POST /api/payments/batch`) by status and body. */
export function classifyPaymentResponse(status: number, body: unknown): SendOutcome {
	const payment = paymentOf(body);
	const error = errorOf(body, status);
	if (status >= 200 && status < 300) {
		if (payment === null) return { kind: 'retry', error: `answer ${status} without a payment` };
		if (payment.status === 'declined') return { kind: 'declined', payment, error: null };
		return { kind: 'succeeded', payment };
	}
	if (status === 402) {
		// A 402 without a payment is not a verdict we can show the cashier: ask again, the
		// same key returns the stored answer.
		if (payment === null) return { kind: 'retry', error: 'declined answer without a payment' };
		return { kind: 'declined', payment, error };
	}
	if (status === 401) return { kind: 'unauthorized', error: error.message };
	if (status === 429) return { kind: 'rate_limited', error };
	if (status === 408) return { kind: 'retry', error: `${status} ${error.code}` };
	if (status >= 400 && status < 500) {
		if (isRetryableErrorCode(error.code)) return { kind: 'retry', error: `${status} ${error.code}` };
		return { kind: 'rejected', error };
	}
	// 5xx, and anything odd (a 3xx from a captive portal, a 1xx): no verdict.
	return { kind: 'retry', error: `${status} ${error.code}` };
}

/** One item of a `POST /api/payments/batch` answer. */
export interface BatchResultItem {
	idempotencyKey: string;
	status: 'succeeded' | 'declined' | 'error';
	payment?: Payment;
	error?: ServerError;
}

export function classifyBatchItem(item: BatchResultItem): SendOutcome {
	if (item.status === 'succeeded' && isPayment(item.payment)) {
		return { kind: 'succeeded', payment: item.payment };
	}
	if (item.status === 'declined' && isPayment(item.payment)) {
		return { kind: 'declined', payment: item.payment, error: item.error ?? null };
	}
	if (item.status === 'error' && item.error && typeof item.error.code === 'string') {
		if (item.error.code === 'RATE_LIMITED') return { kind: 'rate_limited', error: item.error };
		if (isRetryableErrorCode(item.error.code)) return { kind: 'retry', error: item.error.code };
		if (item.error.code === 'UNAUTHENTICATED') return { kind: 'unauthorized', error: item.error.message };
		return { kind: 'rejected', error: item.error };
	}
	return { kind: 'retry', error: `unreadable batch result (${String(item.status)})` };
}

function paymentOf(body: unknown): Payment | null {
	if (typeof body !== 'object' || body === null) return null;
	const p = (body as { payment?: unknown }).payment;
	return isPayment(p) ? p : null;
}

function isPayment(p: unknown): p is Payment {
	return (
		typeof p === 'object' &&
		p !== null &&
		typeof (p as Payment).id === 'string' &&
		typeof (p as Payment).status === 'string'
	);
}

function errorOf(body: unknown, status: number): ServerError {
	const e = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
	if (typeof e === 'object' && e !== null && typeof (e as ServerError).code === 'string') {
		const { code, message, field } = e as ServerError;
		return { code, message: typeof message === 'string' ? message : code, status, ...(field ? { field } : {}) };
	}
	return { code: `HTTP_${status}`, message: `The server answered ${status}.`, status };
}
