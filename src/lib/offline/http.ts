// The two requests the outbox makes. `fetch` is passed in so tests can stand in for the server.
// Neither function throws for a network failure: it becomes a `retry` outcome.
import { classifyBatchItem, classifyPaymentResponse, type BatchResultItem, type SendOutcome } from './outcome';
import type { OutboxEntry } from './types';
import type { Money } from '$lib/api/types';
import { noteServerDate } from '$lib/api/server-clock';

export type Fetch = typeof fetch;

/**
 * A cashier with a customer waiting gives up on one charge after 10 s; the entry stays queued and
 * is retried with the same key, so a slow answer is never a second charge.
 */
export const SINGLE_SEND_TIMEOUT_MS = 10_000;
/**
 * When the last request already failed, a charge waits only 3 s before it shows as queued: the
 * queue behind the cashier should not wait 10 s per customer on a link known to be down. The
 * drain (60 s per batch) still gives a slow server all the time it needs.
 */
export const SINGLE_SEND_UNREACHABLE_TIMEOUT_MS = 3_000;
/** A batch of 500 settles in well under a second on the server; 60 s allows for a slow uplink. */
export const BATCH_SEND_TIMEOUT_MS = 60_000;

export interface HttpOptions {
	fetch: Fetch;
	/** Origin the API lives on; '' for the page's own. */
	baseUrl: string;
	token: string;
}

/** What `POST /api/payments` takes (tests/contract/client-types.ts holds it to the API's PaymentRequest). */
export interface PaymentRequestBody {
	code: string;
	amount: Money;
	scannedAt?: string;
	terminalId?: string;
	sequence?: number;
	takenBy?: string;
}

/** What `POST /api/payments/batch` takes (held to the API's PaymentBatch likewise). */
export interface PaymentBatchBody {
	terminalId: string;
	items: { idempotencyKey: string; sequence?: number; code: string; amount: Money; scannedAt: string; takenBy?: string }[];
}

/** The fields of a sale, the same in a single charge and in a batch item. */
type SaleFields = Pick<PaymentBatchBody['items'][number], 'code' | 'amount' | 'scannedAt' | 'sequence' | 'takenBy'>;

/**
 * The sale an entry records, as both requests send it (sendOne, sendBatch): one place, so a field a sale gains is
 * sent however the entry goes out, not only by the request it was added to.
 */
function requestFields(entry: OutboxEntry): SaleFields {
	return {
		code: entry.code,
		amount: entry.amount,
		scannedAt: entry.scannedAt,
		// With the terminal's id, it lets the server count this request in the terminal's sequence, so it never
		// reports it as a gap.
		sequence: entry.sequence,
		// Who took the sale: a colleague may be the one signed in when a queued entry goes out.
		takenBy: entry.cashierId
	};
}

/** `POST /api/payments` for one entry, with its own Idempotency-Key. */
export async function sendOne(
	entry: OutboxEntry,
	http: HttpOptions,
	timeoutMs: number = SINGLE_SEND_TIMEOUT_MS
): Promise<SendOutcome> {
	const answer = await postJson(
		http,
		'/api/payments',
		// The terminal's id is optional here (a batch names it once for all its items): sent, the sequence counts.
		{ ...requestFields(entry), terminalId: entry.terminalId } satisfies PaymentRequestBody,
		{ 'Idempotency-Key': entry.idempotencyKey },
		timeoutMs
	);
	if ('failure' in answer) return { kind: 'retry', error: answer.failure };
	return classifyPaymentResponse(answer.status, answer.body);
}

export type BatchAnswer =
	/** The server answered the batch: one outcome per entry (a missing result is a `retry`). */
	| { kind: 'answered'; outcomes: Map<string, SendOutcome>; gaps: { from: number; to: number }[] }
	/** The whole request failed; `outcome` says how (retry, unauthorized, or rejected as a whole). */
	| { kind: 'failed'; outcome: SendOutcome };

/** `POST /api/payments/batch` takes 1..500 items (the API's own maximum). */
export const OUTBOX_BATCH_MAX = 500;

/** `POST /api/payments/batch` for 1..OUTBOX_BATCH_MAX entries of one terminal. */
export async function sendBatch(entries: readonly OutboxEntry[], http: HttpOptions): Promise<BatchAnswer> {
	const terminalId = entries[0]?.terminalId;
	if (terminalId === undefined) throw new Error('empty batch');
	if (entries.length > OUTBOX_BATCH_MAX) throw new Error(`batch of ${entries.length} > ${OUTBOX_BATCH_MAX}`);
	if (entries.some((e) => e.terminalId !== terminalId)) throw new Error('batch mixes terminals');
	const answer = await postJson(
		http,
		'/api/payments/batch',
		{
			terminalId,
			items: entries.map((e) => ({ idempotencyKey: e.idempotencyKey, ...requestFields(e) }))
		} satisfies PaymentBatchBody,
		{},
		BATCH_SEND_TIMEOUT_MS
	);
	if ('failure' in answer) return { kind: 'failed', outcome: { kind: 'retry', error: answer.failure } };
	if (answer.status !== 200) {
		return { kind: 'failed', outcome: classifyPaymentResponse(answer.status, answer.body) };
	}
	const body = answer.body as { results?: unknown; gaps?: unknown } | null;
	const results = Array.isArray(body?.results) ? (body.results as BatchResultItem[]) : [];
	const outcomes = new Map<string, SendOutcome>();
	for (const item of results) {
		if (item && typeof item.idempotencyKey === 'string') outcomes.set(item.idempotencyKey, classifyBatchItem(item));
	}
	for (const e of entries) {
		if (!outcomes.has(e.idempotencyKey)) {
			outcomes.set(e.idempotencyKey, { kind: 'retry', error: 'no result for this item in the batch answer' });
		}
	}
	const gaps = Array.isArray(body?.gaps) ? (body.gaps as { from: number; to: number }[]).filter(isGap) : [];
	return { kind: 'answered', outcomes, gaps };
}

function isGap(g: unknown): g is { from: number; to: number } {
	const r = g as { from?: unknown; to?: unknown };
	return Number.isSafeInteger(r?.from) && Number.isSafeInteger(r?.to);
}

type RawAnswer = { status: number; body: unknown } | { failure: string };

async function postJson(
	http: HttpOptions,
	path: string,
	body: unknown,
	headers: Record<string, string>,
	timeoutMs: number
): Promise<RawAnswer> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	const sentAt = Date.now();
	try {
		const res = await http.fetch(`${http.baseUrl}${path}`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Authorization: `Bearer ${http.token}`,
				...headers
			},
			body: JSON.stringify(body),
			signal: controller.signal
		});
		noteServerDate(res.headers?.get?.('date') ?? null, sentAt, Date.now());
		// A body that fails to arrive or parse is a lost answer, not a verdict.
		let parsed: unknown = null;
		try {
			parsed = await res.json();
		} catch {
			if (res.status >= 200 && res.status < 300) return { failure: `answer ${res.status} could not be read` };
		}
		return { status: res.status, body: parsed };
	} catch (err) {
		if (controller.signal.aborted) return { failure: `no answer within ${timeoutMs / 1000} s` };
		return { failure: `network: ${err instanceof Error ? err.message : String(err)}` };
	} finally {
		clearTimeout(timer);
	}
}
