import { describe, expect, it } from 'vitest';
import { classifyBatchItem, classifyPaymentResponse } from '../../../src/lib/offline/outcome';
import { payment } from './fixtures';

const err = (code: string) => ({ error: { code, message: `${code} happened` } });

describe('what an answer means for a queued payment', () => {
	it('201 with a payment: paid', () => {
		const p = payment();
		expect(classifyPaymentResponse(201, { payment: p })).toEqual({ kind: 'succeeded', payment: p });
	});

	it('402: declined with the payment and its reason, kept for the cashier', () => {
		const p = payment({ status: 'declined', reason: 'CODE_EXPIRED' });
		const o = classifyPaymentResponse(402, { payment: p, ...err('PAYMENT_DECLINED') });
		expect(o).toMatchObject({ kind: 'declined', payment: { reason: 'CODE_EXPIRED' } });
	});

	it('a request error (400, 403, 404, 409 mismatch, 415, 422) is kept as declined-with-error, not retried', () => {
		for (const [status, code] of [
			[400, 'INVALID_REQUEST'],
			[403, 'FORBIDDEN'],
			[404, 'NOT_FOUND'],
			[409, 'IDEMPOTENCY_MISMATCH'],
			[415, 'UNSUPPORTED_MEDIA_TYPE'],
			[422, 'CURRENCY_MISMATCH']
		] as const) {
			expect(classifyPaymentResponse(status, err(code))).toMatchObject({ kind: 'rejected', error: { code, status } });
		}
	});

	it('network-ish answers (408, 5xx, 409 IN_PROGRESS, a 3xx) are retried later with the same key', () => {
		for (const [status, body] of [
			[408, err('TIMEOUT')],
			[500, err('INTERNAL')],
			[502, null],
			[503, 'Service Unavailable'],
			[409, err('IN_PROGRESS')],
			[302, null]
		] as const) {
			expect(classifyPaymentResponse(status, body).kind).toBe('retry');
		}
	});

	it('a success or decline without a readable payment is a lost answer: ask again', () => {
		expect(classifyPaymentResponse(201, {}).kind).toBe('retry');
		expect(classifyPaymentResponse(402, err('PAYMENT_DECLINED')).kind).toBe('retry');
	});

	it('429 is an answer from a server that is there, asking to wait: not a network failure', () => {
		expect(classifyPaymentResponse(429, err('RATE_LIMITED'))).toMatchObject({ kind: 'rate_limited', error: { code: 'RATE_LIMITED', status: 429 } });
	});

	it('401 keeps the entry and asks for a new sign-in', () => {
		expect(classifyPaymentResponse(401, err('UNAUTHENTICATED')).kind).toBe('unauthorized');
	});

	it('an error body without the API shape still names the status', () => {
		expect(classifyPaymentResponse(404, 'Not Found')).toMatchObject({ kind: 'rejected', error: { code: 'HTTP_404' } });
	});
});

describe('batch result items', () => {
	it('maps succeeded, declined and error items', () => {
		const p = payment();
		expect(classifyBatchItem({ idempotencyKey: 'k', status: 'succeeded', payment: p })).toEqual({ kind: 'succeeded', payment: p });
		const d = payment({ status: 'declined', reason: 'CODE_USED' });
		expect(classifyBatchItem({ idempotencyKey: 'k', status: 'declined', payment: d })).toMatchObject({ kind: 'declined' });
		expect(classifyBatchItem({ idempotencyKey: 'k', status: 'error', error: { code: 'INVALID_REQUEST', message: 'bad code' } })).toMatchObject({
			kind: 'rejected',
			error: { code: 'INVALID_REQUEST' }
		});
	});

	it('retries an item whose first request still runs or that failed inside the server', () => {
		// UNAVAILABLE: the database failed part-way through the batch, after other items had committed.
		for (const code of ['IN_PROGRESS', 'INTERNAL', 'UNAVAILABLE']) {
			expect(classifyBatchItem({ idempotencyKey: 'k', status: 'error', error: { code, message: '' } }).kind).toBe('retry');
		}
		expect(classifyBatchItem({ idempotencyKey: 'k', status: 'error', error: { code: 'RATE_LIMITED', message: '' } }).kind).toBe('rate_limited');
	});

	it('retries an item it cannot read rather than guessing a verdict', () => {
		expect(classifyBatchItem({ idempotencyKey: 'k', status: 'succeeded' }).kind).toBe('retry');
		expect(classifyBatchItem({ idempotencyKey: 'k', status: 'weird' as never }).kind).toBe('retry');
	});
});
