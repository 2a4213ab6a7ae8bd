// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PosOfflineDb } from '../../../src/lib/offline/db';
import { SyncEngine, type SyncEngineOptions } from '../../../src/lib/offline/engine';
import { defaultOfflineLimits } from '../../../src/lib/offline/limits';
import { cny, code } from './fixtures';
import { engineOnFakeServer } from './engine-setup';
import { FakeOriginLocks } from './fake-locks';
import { FakePaymentServer } from './fake-server';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0)) await c();
});

function setup(over: Partial<SyncEngineOptions> = {}, online = true) {
	return engineOnFakeServer(cleanups, { name: 'engine', online, start: true, over });
}

const intent = (n: number, amount = 1_000) => ({ code: code(n), amount: cny(amount), scannedAt: new Date() });

describe('taking a payment through the outbox', () => {
	it('online: one POST /api/payments with the entry’s key; the answer comes back at once', async () => {
		const { db, server, engine } = setup();
		await engine.sync(); // the start-up drain, with an empty queue
		const r = await engine.charge(intent(1, 1_250));
		expect(r).toMatchObject({ kind: 'succeeded', payment: { amount: cny(1_250) } });
		expect(server.requests).toEqual([{ path: '/api/payments', keys: [r.kind === 'succeeded' ? r.entry.idempotencyKey : ''] }]);
		expect(await db.outbox.get(server.requests[0].keys[0])).toMatchObject({ state: 'succeeded', attempts: 1 });
		expect(engine.status).toMatchObject({ reachable: true, charging: false });
	});

	it('online: a decline comes back as declined with the reason', async () => {
		const { server, engine } = setup();
		server.declines.set(code(2), 'INSUFFICIENT_FUNDS');
		const r = await engine.charge(intent(2));
		expect(r).toMatchObject({ kind: 'declined', payment: { reason: 'INSUFFICIENT_FUNDS' } });
		// Seen on screen at once, so it is not listed as declined after sync.
		expect(r.kind === 'declined' && r.entry).toMatchObject({ state: 'resolved', resolution: { kind: 'seen_at_counter' } });
	});

	it('offline: queued, nothing sent; back online, the queue settles once', async () => {
		const { db, server, net, engine } = setup({}, false);
		const results = [await engine.charge(intent(1)), await engine.charge(intent(2)), await engine.charge(intent(3))];
		expect(results.map((r) => r.kind)).toEqual(['queued', 'queued', 'queued']);
		expect(server.requests).toHaveLength(0);
		net.online = true;
		await engine.sync(true);
		expect(await db.outbox.where('state').equals('succeeded').count()).toBe(3);
		expect(server.totalEffects).toBe(3);
		expect(server.requests.map((r) => r.path)).toEqual(['/api/payments/batch']);
	});

	it('offline: refuses a payment over the cap and says which limit', async () => {
		const { db, engine } = setup({}, false);
		expect(await engine.charge(intent(1, 50_001))).toMatchObject({
			kind: 'refused',
			refusal: { reason: 'OFFLINE_PAYMENT_CAP', limit: cny(50_000) }
		});
		expect(await db.outbox.count()).toBe(0);
	});

	it('a lost answer leaves the charge queued; the retry with the same key charges once', async () => {
		const { db, server, engine } = setup();
		await engine.sync();
		server.faults.push('lose-answer');
		const r = await engine.charge(intent(1));
		expect(r.kind).toBe('queued');
		expect(engine.status.reachable).toBe(false);
		await engine.sync(true);
		expect(server.requests.map((x) => x.keys[0])).toEqual([r.kind === 'queued' ? r.entry.idempotencyKey : '', r.kind === 'queued' ? r.entry.idempotencyKey : '']);
		expect(server.totalEffects).toBe(1);
		expect(await db.outbox.get(r.kind === 'queued' ? r.entry.idempotencyKey : '')).toMatchObject({ state: 'succeeded' });
	});

	it('when the server was out of reach, the offline limits apply even with a network', async () => {
		const { server, engine } = setup();
		await engine.sync();
		server.faults.push('network');
		await engine.charge(intent(1, 100)); // fails: server unreachable
		expect(await engine.charge(intent(2, 60_000))).toMatchObject({ kind: 'refused', refusal: { reason: 'OFFLINE_PAYMENT_CAP' } });
	});

	it('retries by itself after a failure, without any user action', async () => {
		const { db, server, engine } = setup({ random: () => 0 });
		await engine.sync();
		server.faults.push('network');
		const r = await engine.charge(intent(1));
		expect(r.kind).toBe('queued');
		await vi.waitFor(async () => expect(await db.outbox.where('state').equals('succeeded').count()).toBe(1), { timeout: 3_000 });
		expect(server.totalEffects).toBe(1);
	});

	it('a 429 at the counter is a refusal: nothing queued, the tablet stays online, no offline caps next', async () => {
		const { db, server, engine } = setup();
		await engine.sync();
		server.faults.push('429');
		const r = await engine.charge(intent(1, 100));
		expect(r).toMatchObject({ kind: 'rejected', error: { code: 'RATE_LIMITED', status: 429 } });
		// Out of the queue (kept as history), so it is never sent again and counts against no limit.
		expect(await db.outbox.where('state').anyOf('queued', 'syncing', 'declined').count()).toBe(0);
		expect(engine.status.reachable).toBe(true);
		// ¥600 is over the ¥500 offline cap: it goes through, the server being there.
		expect(await engine.charge(intent(2, 60_000))).toMatchObject({ kind: 'succeeded' });
		await engine.whenIdle();
		expect(server.requests).toHaveLength(1); // the refused code was not sent again
	});

	it('a 429 while sending the queue keeps the entries for later but does not mark the tablet unreachable', async () => {
		const { db, server, net, engine } = setup({}, false);
		await engine.charge(intent(1));
		net.online = true;
		server.faults.push('429');
		await engine.sync(true);
		expect(engine.status.reachable).toBe(true);
		expect(await db.outbox.where('state').equals('queued').count()).toBe(1);
	});

	it('a refused sign-in at the counter is a refusal, not a queued sale', async () => {
		const { db, server, engine } = setup();
		await engine.sync();
		server.validToken = 'token-2'; // the session was revoked on the server
		const r = await engine.charge(intent(1));
		expect(r).toMatchObject({ kind: 'rejected', error: { code: 'UNAUTHENTICATED', status: 401 } });
		expect(await db.outbox.where('state').anyOf('queued', 'syncing', 'declined').count()).toBe(0);
		expect(engine.status).toMatchObject({ reachable: true, unauthorized: true });
	});

	it('says why a sale was queued: no network, or no answer', async () => {
		const offline = setup({}, false);
		expect(await offline.engine.charge(intent(1))).toMatchObject({ kind: 'queued', cause: 'no-network' });
		const { server, engine } = setup();
		await engine.sync();
		server.faults.push('network');
		expect(await engine.charge(intent(2))).toMatchObject({ kind: 'queued', cause: 'no-answer' });
	});

	it('refuses to take a payment when no cashier is signed in', async () => {
		const { engine } = setup({ auth: () => null });
		expect(await engine.charge(intent(1))).toEqual({ kind: 'refused', refusal: { ok: false, reason: 'SIGNED_OUT' } });
	});

	it('sends each of one merchant’s entries only with that merchant’s session', async () => {
		const db = new PosOfflineDb(`engine-shared-${Math.random()}`);
		cleanups.push(() => db.delete());
		const server = new FakePaymentServer();
		let who = { token: 'token-1', merchantId: 'm1', cashierId: 'c1' };
		let online = false;
		const engine = new SyncEngine({
			db,
			auth: () => who,
			limits: () => defaultOfflineLimits('CNY'),
			fetch: server.fetch,
			locks: null,
			isOnline: () => online
		});
		await engine.charge(intent(1));
		who = { token: 'token-1', merchantId: 'm2', cashierId: 'c9' };
		online = true;
		await engine.sync(true);
		expect(server.requests).toHaveLength(0);
		expect(await db.outbox.where('state').equals('queued').count()).toBe(1);
	});
});

describe('a page that goes while its requests are out (reloaded, closed)', () => {
	/** Two pages of one tablet: the same outbox, the same origin's locks, each its own engine. */
	function tablet() {
		const db = new PosOfflineDb(`engine-pages-${Math.random()}`);
		cleanups.push(() => db.delete());
		const server = new FakePaymentServer();
		const origin = new FakeOriginLocks();
		const net = { online: true };
		const page = (name: string, fetch: typeof server.fetch) =>
			new SyncEngine({
				db,
				auth: () => ({ token: 'token-1', merchantId: 'm1', cashierId: 'c1' }),
				limits: () => defaultOfflineLimits('CNY'),
				fetch,
				locks: origin.tab(name),
				isOnline: () => net.online,
				random: () => 0.5
			});
		const inFlight = () => db.outbox.where('state').equals('syncing').count();
		return { db, server, origin, net, page, inFlight };
	}
	/** A request that never gets its answer: the page goes first. */
	const neverAnswered = (() => new Promise<Response>(() => undefined)) as typeof fetch;

	it('the next page sends at once the queue the gone page’s drain had taken out, and it is paid once', async () => {
		const { db, server, origin, net, page, inFlight } = tablet();
		const before = page('before', neverAnswered);
		net.online = false;
		expect(await before.charge(intent(1))).toMatchObject({ kind: 'queued' });
		net.online = true;
		void before.sync(true);
		await vi.waitFor(async () => expect(await inFlight()).toBe(1));
		origin.close('before');

		const after = page('after', server.fetch);
		await after.sync(true);
		expect(await db.outbox.toArray()).toMatchObject([{ state: 'succeeded', attempts: 2 }]);
		expect(server.totalEffects).toBe(1);
		expect(origin.heldNames).toEqual([]);
	});

	it('the same for a sale the gone page was charging at the counter', async () => {
		const { db, server, origin, page, inFlight } = tablet();
		const before = page('before', neverAnswered);
		void before.charge(intent(1));
		await vi.waitFor(async () => expect(await inFlight()).toBe(1));
		origin.close('before');

		const after = page('after', server.fetch);
		await after.sync(true);
		expect(await db.outbox.toArray()).toMatchObject([{ state: 'succeeded', attempts: 2 }]);
		expect(server.totalEffects).toBe(1);
	});

	it('leaves alone a sale another page is still charging (its answer may yet come)', async () => {
		const { db, server, page, inFlight } = tablet();
		const other = page('other', neverAnswered);
		void other.charge(intent(1));
		await vi.waitFor(async () => expect(await inFlight()).toBe(1));

		const here = page('here', server.fetch);
		await here.sync(true);
		expect(server.requests).toHaveLength(0);
		expect(await db.outbox.toArray()).toMatchObject([{ state: 'syncing', attempts: 1 }]);
	});
});
