// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { takeUnsentReport, UNSENT_REPORT_REFRESH_MS, UNSENT_REPORT_SETTLE_MS } from '../../../src/lib/offline/unsent-report';
import { cny, code } from './fixtures';
import { engineOnFakeServer } from './engine-setup';
import type { FakePaymentServer } from './fake-server';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0)) await c();
	vi.useRealTimers();
});

/** A started engine that reports what it holds unsent, each PUT recorded (and taken) beside the fake payment server. */
function reporting() {
	const puts: { terminalId: string; body: { sequence: number; count: number; amount: unknown; oldestQueuedAt: string | null } }[] = [];
	let server: FakePaymentServer | undefined;
	const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = new URL(String(input), 'http://pos.test');
		const put = /^\/api\/tablets\/([^/]+)\/unsent$/.exec(url.pathname);
		if (init?.method === 'PUT' && put) {
			const body = JSON.parse(String(init.body));
			puts.push({ terminalId: put[1]!, body });
			return new Response(JSON.stringify({ sequence: body.sequence, current: true }), { status: 200, headers: { 'content-type': 'application/json' } });
		}
		return server!.fetch(input, init);
	};
	const made = engineOnFakeServer(cleanups, { name: 'unsent', start: true, over: { reportUnsent: true, fetch } });
	server = made.server;
	return { ...made, puts };
}

/** Waits until `n` reports were sent (the reporter lets changes settle for UNSENT_REPORT_SETTLE_MS first). */
const reportsSent = (puts: unknown[], n: number) => vi.waitFor(() => expect(puts).toHaveLength(n), { timeout: UNSENT_REPORT_SETTLE_MS * 5, interval: 50 });

describe('the tablet tells the server what it holds unsent', () => {
	it('at start, then a sale left queued, then none once it is sent; a sale paid online is never counted as unsent', async () => {
		const { engine, net, puts, db } = reporting();
		await reportsSent(puts, 1);
		expect(puts[0]!.body).toEqual({ sequence: 1, count: 0, amount: cny(0), oldestQueuedAt: null });

		expect((await engine.charge({ code: code(1), amount: cny(1_250), scannedAt: new Date() })).kind).toBe('succeeded');
		net.online = false;
		const scannedAt = new Date(Date.now() - 60_000);
		const queued = await engine.charge({ code: code(2), amount: cny(4_500), scannedAt });
		expect(queued.kind).toBe('queued');
		net.online = true;
		await reportsSent(puts, 2);
		expect(puts[1]!.body).toEqual({ sequence: 2, count: 1, amount: cny(4_500), oldestQueuedAt: scannedAt.toISOString() });

		await engine.sync(true);
		await reportsSent(puts, 3);
		expect(puts[2]!.body).toEqual({ sequence: 3, count: 0, amount: cny(0), oldestQueuedAt: null });
		// Under the outbox's own terminal id: the one its sales carry to the server.
		const terminal = await db.meta.get('terminal');
		expect(new Set(puts.map((p) => p.terminalId))).toEqual(new Set([terminal?.key === 'terminal' ? terminal.terminalId : '?']));
	});

	it('says it again every 5 minutes while signed in and online, holding nothing too: each a new reading the server hears', async () => {
		// Only the 5-minute timer is the test's to move; the settling and IndexedDB keep their own time.
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const { puts } = reporting();
		await reportsSent(puts, 1);
		vi.advanceTimersByTime(UNSENT_REPORT_REFRESH_MS);
		await reportsSent(puts, 2);
		vi.advanceTimersByTime(UNSENT_REPORT_REFRESH_MS);
		await reportsSent(puts, 3);
		expect(puts.map((p) => p.body)).toEqual([1, 2, 3].map((sequence) => ({ sequence, count: 0, amount: cny(0), oldestQueuedAt: null })));
	});

	it('says nothing more once the engine stops (signed out): no heartbeat, and a queue change is not told', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const { engine, net, puts, stop } = reporting();
		await reportsSent(puts, 1);
		stop();
		vi.advanceTimersByTime(UNSENT_REPORT_REFRESH_MS * 3);
		net.online = false;
		expect((await engine.charge({ code: code(3), amount: cny(700), scannedAt: new Date() })).kind).toBe('queued');
		net.online = true;
		// Settling time, and more, for a report that should not come.
		await new Promise((r) => setTimeout(r, UNSENT_REPORT_SETTLE_MS * 3));
		expect(puts).toHaveLength(1);
	});

	it('numbers each reading anew, after the last, and keeps the number with the outbox', async () => {
		const { db } = engineOnFakeServer(cleanups, { name: 'unsent-numbers' });
		const none = { codes: new Set<string>(), answeredKeys: new Set<string>() };
		const first = await takeUnsentReport(db, 'm1', 'CNY', none);
		const second = await takeUnsentReport(db, 'm1', 'CNY', none);
		expect([first.report.sequence, second.report.sequence]).toEqual([1, 2]);
		expect(second.terminalId).toBe(first.terminalId);
		expect(await db.meta.get('terminal')).toMatchObject({ lastReportSequence: 2, lastSequence: 0 });
	});
});
