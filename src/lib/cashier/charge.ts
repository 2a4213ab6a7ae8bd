/**
 * Taking one charge. Every payment the cashier takes goes through `chargePayment`, which puts it
 * through the tablet's outbox ($lib/offline): the intent "take A from the customer with code X,
 * scanned at T" is written to IndexedDB first, then sent at once when there is a network. Its
 * Idempotency-Key is made when it is written and reused for every retry, also after a reload, so a
 * lost answer can never charge twice (DESIGN.md "Payments", "Offline cashier").
 */
import { ApiError } from '$lib/api/client';
import type { Money, Payment } from '$lib/api/types';
import { assertMinor } from '$lib/money/money';
import type { ChargeResult, QueuedCause, SyncEngine } from '$lib/offline/engine';

export interface ChargeRequest {
	code: string;
	amount: Money;
	/** When the code was taken (scanned or typed), ISO 8601: the server checks the code at this time. */
	scannedAt: string;
	/** The cashier typed the code: declined later as naming no customer, the declined list says it was likely mistyped. */
	typed?: boolean;
}

export type ChargeOutcome =
	/** Money moved. */
	| { kind: 'succeeded'; payment: Payment; idempotencyKey: string }
	/** Recorded as declined: nothing moved, `payment.reason` says why. */
	| { kind: 'declined'; payment: Payment; idempotencyKey: string }
	/** The request was refused before any payment (bad input, rate-limited): nothing moved. */
	| { kind: 'rejected'; error: ApiError; idempotencyKey: string }
	/** Saved on the tablet, not yet paid: the outbox sends it when the server answers. `cause`: why it waits. */
	| { kind: 'queued'; idempotencyKey: string; cause: QueuedCause }
	/** Not taken at all (an offline limit, signed out): nothing saved, nothing moved. */
	| { kind: 'refused'; refusal: Extract<ChargeResult, { kind: 'refused' }>['refusal'] };

export function newCharge(code: string, amount: Money, scannedAt: Date, typed = false): ChargeRequest {
	assertMinor(amount.amount);
	if (amount.amount <= 0) throw new Error('a charge needs a positive amount');
	return { code, amount, scannedAt: scannedAt.toISOString(), typed };
}

export async function chargePayment(engine: SyncEngine, req: ChargeRequest): Promise<ChargeOutcome> {
	const result = await engine.charge({ code: req.code, amount: req.amount, scannedAt: new Date(req.scannedAt), typed: req.typed });
	switch (result.kind) {
		case 'succeeded':
		case 'declined':
			return { kind: result.kind, payment: result.payment, idempotencyKey: result.entry.idempotencyKey };
		case 'rejected': {
			const e = result.error;
			const error = new ApiError(e.status ?? 400, e.code, e.message, e.field);
			return { kind: 'rejected', error, idempotencyKey: result.entry.idempotencyKey };
		}
		case 'queued':
			return { kind: 'queued', idempotencyKey: result.entry.idempotencyKey, cause: result.cause };
		case 'refused':
			return { kind: 'refused', refusal: result.refusal };
	}
}
