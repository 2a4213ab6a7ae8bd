// A stand-in for the payment API, just enough to test the outbox: idempotency by key (a repeat
// returns the first answer and charges nothing), declines by code, and faults on demand.
import type { DeclineReason } from '../../../src/lib/api/types';
import type { Payment } from '../../../src/lib/offline/types';
import { payment } from './fixtures';

export type Fault =
	/** The request never reaches the server. */
	| 'network'
	/** The server does the work, then the answer is lost on the way back. */
	| 'lose-answer'
	/** The server fails inside without doing the work. */
	| '503'
	/** The batch route refuses the whole request (as if one item were malformed). */
	| 'batch-400'
	/** Too many unknown codes: the server refuses to look, and does nothing. */
	| '429';

export class FakePaymentServer {
	/** Stored answers by Idempotency-Key: what a repeat gets. */
	readonly answers = new Map<string, { status: number; body: { payment: Payment } }>();
	/** How many times each key was charged (must never pass 1). */
	readonly effects = new Map<string, number>();
	/** Every request that reached the server: its path and the keys it carried. */
	readonly requests: { path: string; keys: string[] }[] = [];
	/** Codes that decline, with their reason. */
	readonly declines = new Map<string, DeclineReason>();
	/** Faults for the next requests, in order. */
	readonly faults: Fault[] = [];
	/** Sequence numbers seen per terminal, for `gaps`. */
	readonly seen = new Map<string, Set<number>>();
	/** When set, each request waits for this before answering (to interleave tabs). */
	gate: Promise<void> | null = null;
	validToken = 'token-1';

	fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = new URL(String(input), 'http://pos.test');
		const fault = this.faults.shift();
		if (fault === 'network') throw new TypeError('Failed to fetch');
		if (this.gate) await this.gate;
		const headers = new Headers(init?.headers);
		if (headers.get('Authorization') !== `Bearer ${this.validToken}`) {
			return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } });
		}
		if (fault === '503') return json(503, { error: { code: 'UNAVAILABLE', message: 'busy' } });
		if (fault === '429') return json(429, { error: { code: 'RATE_LIMITED', message: 'Too many unknown payment codes; wait a few minutes.' } });
		const body = JSON.parse(String(init?.body));

		let res: Response;
		if (url.pathname === '/api/payments') {
			const key = headers.get('Idempotency-Key')!;
			this.requests.push({ path: url.pathname, keys: [key] });
			if (body.terminalId) this.#see(body.terminalId).add(body.sequence);
			const answer = this.#pay(key, body.code, body.amount);
			res = json(answer.status, answer.body);
		} else if (url.pathname === '/api/payments/batch') {
			const items = body.items as { idempotencyKey: string; sequence: number; code: string; amount: { amount: number; currency: string } }[];
			this.requests.push({ path: url.pathname, keys: items.map((i) => i.idempotencyKey) });
			if (fault === 'batch-400') return json(400, { error: { code: 'INVALID_REQUEST', message: 'bad item', field: 'items.3.code' } });
			if (items.length < 1 || items.length > 500) return json(400, { error: { code: 'INVALID_REQUEST', message: 'size' } });
			const seen = this.#see(body.terminalId);
			const results = items.map((item) => {
				seen.add(item.sequence);
				const a = this.#pay(item.idempotencyKey, item.code, item.amount);
				return { idempotencyKey: item.idempotencyKey, status: a.status === 201 ? 'succeeded' : 'declined', payment: a.body.payment };
			});
			res = json(200, { results, gaps: gapsOf(seen) });
		} else {
			res = json(404, { error: { code: 'NOT_FOUND', message: 'no route' } });
		}
		if (fault === 'lose-answer') throw new TypeError('network connection lost');
		return res;
	};

	/** How many charges the server made in all. */
	get totalEffects(): number {
		return [...this.effects.values()].reduce((a, b) => a + b, 0);
	}

	#see(terminalId: string): Set<number> {
		const seen = this.seen.get(terminalId) ?? new Set<number>();
		this.seen.set(terminalId, seen);
		return seen;
	}

	#pay(key: string, code: string, amount: { amount: number; currency: string }) {
		const stored = this.answers.get(key);
		if (stored) return stored;
		this.effects.set(key, (this.effects.get(key) ?? 0) + 1);
		const reason = this.declines.get(code);
		const answer = reason
			? { status: 402, body: { payment: payment({ id: `pay_${key}`, status: 'declined', reason, amount }) } }
			: { status: 201, body: { payment: payment({ id: `pay_${key}`, amount }) } };
		this.answers.set(key, answer);
		return answer;
	}
}

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function gapsOf(seen: Set<number>): { from: number; to: number }[] {
	const max = Math.max(...seen);
	const gaps: { from: number; to: number }[] = [];
	for (let s = 1; s <= max; s++) {
		if (seen.has(s)) continue;
		const from = s;
		while (s + 1 <= max && !seen.has(s + 1)) s++;
		gaps.push({ from, to: s });
	}
	return gaps;
}
