/**
 * Sending one charge to the API. Every payment the cashier takes goes through `chargePayment`, so
 * the offline helper can later put an IndexedDB outbox in front of it (write the intent first,
 * then send) without touching the screens.
 *
 * A charge is an intent: "take A from the customer with code X". Its Idempotency-Key is made once
 * when the intent is made (`newCharge`) and reused for every retry, so a retry after a lost answer
 * can never charge twice (DESIGN.md "Payments").
 */
import { ApiError, NetworkError, newIdempotencyKey, type ApiClient } from '$lib/api/client';
import type { Money, Payment } from '$lib/api/types';
import { assertMinor } from '$lib/money/money';

export interface ChargeRequest {
	idempotencyKey: string;
	code: string;
	amount: Money;
	/** When the code was taken (scanned or typed), ISO 8601: the server checks the code at this time. */
	scannedAt: string;
}

export type ChargeOutcome =
	/** Money moved. */
	| { kind: 'succeeded'; payment: Payment }
	/** Recorded as declined: nothing moved, `payment.reason` says why. */
	| { kind: 'declined'; payment: Payment }
	/** The request was refused before any payment (bad input, signed out, rate-limited): nothing moved. */
	| { kind: 'rejected'; error: ApiError }
	/** No answer, or the server failed mid-way: the money may or may not have moved. Retry with the same request. */
	| { kind: 'unknown'; error: unknown };

export function newCharge(code: string, amount: Money, scannedAt: Date): ChargeRequest {
	assertMinor(amount.amount);
	if (amount.amount <= 0) throw new Error('a charge needs a positive amount');
	return { idempotencyKey: newIdempotencyKey(), code, amount, scannedAt: scannedAt.toISOString() };
}

export async function chargePayment(api: ApiClient, req: ChargeRequest): Promise<ChargeOutcome> {
	try {
		const { status, data } = await api.request<{ payment: Payment }>('POST', '/payments', {
			body: { code: req.code, amount: req.amount, scannedAt: req.scannedAt },
			idempotencyKey: req.idempotencyKey,
			accept: [402]
		});
		if (status === 402) return { kind: 'declined', payment: data.payment };
		return { kind: 'succeeded', payment: data.payment };
	} catch (e) {
		if (e instanceof NetworkError) return { kind: 'unknown', error: e };
		if (e instanceof ApiError) {
			// IN_PROGRESS: the first send of this key is still running; its answer decides.
			if (e.status >= 500 || e.code === 'IN_PROGRESS') return { kind: 'unknown', error: e };
			return { kind: 'rejected', error: e };
		}
		return { kind: 'unknown', error: e };
	}
}
