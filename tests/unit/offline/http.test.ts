import { describe, expect, it } from 'vitest';
import { newEntry } from '../../../src/lib/offline/entry';
import { sendBatch, sendOne } from '../../../src/lib/offline/http';
import { cny, code, payment } from './fixtures';

const entry = (n: number) =>
	newEntry({
		idempotencyKey: `key-${n}`,
		terminalId: 'term-1',
		sequence: n,
		merchantId: 'm1',
		cashierId: 'c1',
		code: code(n),
		amount: cny(1_000 + n),
		scannedAt: '2025-01-01T10:00:00.000Z',
		now: 0
	});

function recordingFetch(answer: () => Response | Promise<Response>) {
	const calls: { url: string; init: RequestInit }[] = [];
	const fetch = (async (url: string, init: RequestInit) => {
		calls.push({ url, init });
		return answer();
	}) as unknown as typeof globalThis.fetch;
	return { calls, fetch };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('the requests the outbox makes', () => {
	it('one charge: the API’s body with the terminal’s sequence and who took it, its own Idempotency-Key, JSON, the bearer token', async () => {
		const { calls, fetch } = recordingFetch(() => json(201, { payment: payment() }));
		const outcome = await sendOne(entry(1), { fetch, baseUrl: 'http://pos.test', token: 'tok' });
		expect(outcome.kind).toBe('succeeded');
		expect(calls[0].url).toBe('http://pos.test/api/payments');
		const headers = new Headers(calls[0].init.headers);
		expect(headers.get('Idempotency-Key')).toBe('key-1');
		expect(headers.get('Content-Type')).toBe('application/json');
		expect(headers.get('Authorization')).toBe('Bearer tok');
		expect(JSON.parse(String(calls[0].init.body))).toEqual({
			code: code(1),
			amount: cny(1_001),
			scannedAt: '2025-01-01T10:00:00.000Z',
			terminalId: 'term-1',
			sequence: 1,
			takenBy: 'c1'
		});
	});

	it('a charge with no answer in time is a retry, not a verdict', async () => {
		const fetch = ((_: string, init: RequestInit) =>
			new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted'))))) as unknown as typeof globalThis.fetch;
		expect(await sendOne(entry(1), { fetch, baseUrl: '', token: 't' }, 20)).toEqual({ kind: 'retry', error: 'no answer within 0.02 s' });
	});

	it('a 201 whose body cannot be read is a lost answer', async () => {
		const { fetch } = recordingFetch(() => new Response('<html>proxy</html>', { status: 201 }));
		expect((await sendOne(entry(1), { fetch, baseUrl: '', token: 't' })).kind).toBe('retry');
	});

	it('a batch carries the terminal, and each item its key, sequence, code, amount, scan time and who took it', async () => {
		const { calls, fetch } = recordingFetch(() => json(200, { results: [], gaps: [] }));
		await sendBatch([entry(1), entry(2)], { fetch, baseUrl: '', token: 't' });
		expect(calls[0].url).toBe('/api/payments/batch');
		expect(new Headers(calls[0].init.headers).get('Idempotency-Key')).toBeNull();
		expect(JSON.parse(String(calls[0].init.body))).toEqual({
			terminalId: 'term-1',
			items: [1, 2].map((n) => ({
				idempotencyKey: `key-${n}`,
				sequence: n,
				code: code(n),
				amount: cny(1_000 + n),
				scannedAt: '2025-01-01T10:00:00.000Z',
				takenBy: 'c1'
			}))
		});
	});

	it('a sale is sent with the same fields alone as in a batch, but for where its terminal and key go', async () => {
		const alone = recordingFetch(() => json(201, { payment: payment() }));
		await sendOne(entry(3), { fetch: alone.fetch, baseUrl: '', token: 't' });
		const batched = recordingFetch(() => json(200, { results: [], gaps: [] }));
		await sendBatch([entry(3)], { fetch: batched.fetch, baseUrl: '', token: 't' });
		const { terminalId, ...single } = JSON.parse(String(alone.calls[0].init.body));
		const { idempotencyKey, ...item } = JSON.parse(String(batched.calls[0].init.body)).items[0];
		expect(single).toEqual(item);
		expect([terminalId, idempotencyKey]).toEqual(['term-1', 'key-3']);
	});

	it('an item missing from the batch answer is retried; the others get their verdict', async () => {
		const { fetch } = recordingFetch(() =>
			json(200, { results: [{ idempotencyKey: 'key-1', status: 'succeeded', payment: payment() }], gaps: [{ from: 1, to: 3 }, 'x'] })
		);
		const answer = await sendBatch([entry(1), entry(2)], { fetch, baseUrl: '', token: 't' });
		expect(answer.kind).toBe('answered');
		if (answer.kind !== 'answered') return;
		expect(answer.outcomes.get('key-1')?.kind).toBe('succeeded');
		expect(answer.outcomes.get('key-2')?.kind).toBe('retry');
		expect(answer.gaps).toEqual([{ from: 1, to: 3 }]);
	});

	it('never sends more than 500 items in one batch', async () => {
		const { fetch } = recordingFetch(() => json(200, { results: [] }));
		const many = Array.from({ length: 501 }, (_, i) => entry(i + 1));
		await expect(sendBatch(many, { fetch, baseUrl: '', token: 't' })).rejects.toThrow(/501 > 500/);
	});
});
