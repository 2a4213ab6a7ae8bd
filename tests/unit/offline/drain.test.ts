// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PosOfflineDb, type SyncRow } from '../../../src/lib/offline/db';
import { drainOutbox, type DrainDeps } from '../../../src/lib/offline/drain';
import { recordIntent } from '../../../src/lib/offline/enqueue';
import type { OutboxEntry } from '../../../src/lib/offline/types';
import { newIdempotencyKey } from '../../../src/lib/offline/ids';
import { defaultOfflineLimits } from '../../../src/lib/offline/limits';
import { withOutboxLock } from '../../../src/lib/offline/lock';
import { resolve } from '../../../src/lib/offline/store';
import { cny, code } from './fixtures';
import { FakePaymentServer } from './fake-server';

const dbs: PosOfflineDb[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

const T0 = Date.parse('2025-01-01T10:00:00Z');

/**
 * A queue of `count` payments taken at the counter. The first few go through recordIntent, as the counter takes
 * them; the rest are copies of the last with the next sequence numbers and keys, written at once: recordIntent
 * reads the whole queue for each sale (a code queued twice is refused), so 1,234 of them took 15-25 s here.
 */
async function setup(count: number) {
	const db = new PosOfflineDb(`drain-${Math.random()}`);
	dbs.push(db);
	const server = new FakePaymentServer();
	const entries: OutboxEntry[] = [];
	for (let i = 0; i < Math.min(count, 3); i++) {
		const r = await recordIntent(
			db,
			{ code: code(i), amount: cny(100 + i), scannedAt: new Date(T0) },
			{ merchantId: 'm1', cashierId: 'c1', offline: false, limits: defaultOfflineLimits('CNY'), now: T0 }
		);
		if (!r.ok) throw new Error(r.reason);
		entries.push(r.entry);
	}
	const last = entries[entries.length - 1]!;
	const more = Array.from({ length: count - entries.length }, (_, n) => {
		const i = entries.length + n;
		return { ...last, idempotencyKey: newIdempotencyKey(last.terminalId), sequence: last.sequence + 1 + n, code: code(i), amount: cny(100 + i) };
	});
	await db.outbox.bulkAdd(more);
	const keys = [...entries, ...more].map((e) => e.idempotencyKey);
	let clock = T0 + 1_000;
	const deps = (over: Partial<DrainDeps> = {}): DrainDeps => ({
		db,
		http: { fetch: server.fetch, baseUrl: '', token: 'token-1' },
		merchantId: 'm1',
		force: false,
		now: () => clock,
		random: () => 0.5,
		...over
	});
	return { db, server, keys, deps, advance: (ms: number) => (clock += ms) };
}

describe('draining the outbox', () => {
	it('sends three offline payments in one batch; each settles exactly once', async () => {
		const { db, server, deps } = await setup(3);
		const report = await drainOutbox(deps());
		expect(report).toMatchObject({ sent: 3, succeeded: 3, reachable: true });
		expect(server.requests.map((r) => [r.path, r.keys.length])).toEqual([['/api/payments/batch', 3]]);
		expect(await db.outbox.where('state').equals('succeeded').count()).toBe(3);
		expect(server.totalEffects).toBe(3);
		// A second drain has nothing left to send.
		expect(await drainOutbox(deps({ force: true }))).toMatchObject({ sent: 0 });
		expect(server.requests).toHaveLength(1);
	});

	it('sends 1,234 entries as requests of 500, 500 and 234, in the order taken', async () => {
		const { server, deps, keys } = await setup(1_234);
		await drainOutbox(deps());
		expect(server.requests.map((r) => r.keys.length)).toEqual([500, 500, 234]);
		expect(server.requests.flatMap((r) => r.keys)).toEqual(keys);
	});

	it('keeps everything queued with the same keys when the network fails, and backs off', async () => {
		const { db, server, deps, keys } = await setup(2);
		server.faults.push('network');
		const report = await drainOutbox(deps());
		expect(report).toMatchObject({ sent: 2, requeued: 2, reachable: false });
		const rows = await db.outbox.bulkGet(keys);
		expect(rows.map((r) => r?.state)).toEqual(['queued', 'queued']);
		// First failure: random 0.5 of a 2 s ceiling.
		expect(rows.every((r) => r!.nextAttemptAt === T0 + 1_000 + 1_000)).toBe(true);
		// Not due yet: a timer-driven drain sends nothing.
		expect(await drainOutbox(deps())).toMatchObject({ sent: 0 });
		expect(server.requests).toHaveLength(0);
	});

	it('after a lost answer, sends the same keys again and the server charges once', async () => {
		const { db, server, deps, keys } = await setup(3);
		server.faults.push('lose-answer');
		expect(await drainOutbox(deps())).toMatchObject({ reachable: false, requeued: 3 });
		expect(server.totalEffects).toBe(3); // the work happened, the answer was lost
		await drainOutbox(deps({ force: true }));
		expect(server.requests.map((r) => r.keys)).toEqual([keys, keys]);
		expect([...server.effects.values()]).toEqual([1, 1, 1]);
		expect((await db.outbox.bulkGet(keys)).map((e) => e?.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
	});

	it('treats a 503 like a network failure: nothing dropped', async () => {
		const { db, server, deps } = await setup(2);
		server.faults.push('503');
		expect(await drainOutbox(deps())).toMatchObject({ reachable: false, requeued: 2 });
		expect(await db.outbox.where('state').equals('queued').count()).toBe(2);
	});

	it('lists a payment declined at sync with its reason, and keeps it until resolved', async () => {
		const { db, server, deps, keys } = await setup(3);
		server.declines.set(code(1), 'CODE_EXPIRED');
		const report = await drainOutbox(deps());
		expect(report).toMatchObject({ succeeded: 2, declined: 1 });
		const declined = await db.outbox.where('state').equals('declined').toArray();
		expect(declined).toHaveLength(1);
		expect(declined[0]).toMatchObject({ idempotencyKey: keys[1], payment: { reason: 'CODE_EXPIRED' } });
		await resolve(db, keys[1], { kind: 'settled_in_cash', note: 'Paid 1.01 in cash', resolvedAt: new Date(T0).toISOString() });
		expect(await db.outbox.get(keys[1])).toMatchObject({ state: 'resolved', resolution: { note: 'Paid 1.01 in cash' } });
	});

	it('when the batch is refused as a whole, sends each alone so one bad item spoils nothing', async () => {
		const { db, server, deps } = await setup(3);
		server.faults.push('batch-400');
		const report = await drainOutbox(deps());
		expect(report).toMatchObject({ succeeded: 3 });
		expect(server.requests.map((r) => r.path)).toEqual([
			'/api/payments/batch',
			'/api/payments',
			'/api/payments',
			'/api/payments'
		]);
		expect(await db.outbox.where('state').equals('succeeded').count()).toBe(3);
	});

	it('on 401 keeps the entries queued and reports that the cashier must sign in', async () => {
		const { db, deps } = await setup(2);
		const report = await drainOutbox(deps({ http: { fetch: new FakePaymentServer().fetch, baseUrl: '', token: 'expired' } }));
		expect(report).toMatchObject({ unauthorized: true, requeued: 2 });
		expect(await db.outbox.where('state').equals('queued').count()).toBe(2);
	});

	it('re-queues entries left in flight by a tab that died, once their lease ran out', async () => {
		const { db, server, deps, keys } = await setup(1);
		const e = (await db.outbox.get(keys[0]))!;
		await db.outbox.put({ ...e, state: 'syncing', attempts: 1, leaseUntil: T0 + 500 });
		await drainOutbox(deps({ force: true }));
		expect(await db.outbox.get(keys[0])).toMatchObject({ state: 'succeeded', attempts: 2 });
		expect(server.totalEffects).toBe(1);
	});

	it('leaves alone an entry another tab is sending right now (lease still valid)', async () => {
		const { db, server, deps, keys } = await setup(1);
		const e = (await db.outbox.get(keys[0]))!;
		await db.outbox.put({ ...e, state: 'syncing', attempts: 1, leaseUntil: T0 + 60_000 });
		expect(await drainOutbox(deps({ force: true }))).toMatchObject({ sent: 0 });
		expect(server.requests).toHaveLength(0);
	});

	it('puts back at once an entry whose sender is gone (its page reloaded while the request was out), lease or not', async () => {
		const { db, server, deps, keys } = await setup(2);
		const [gone, live] = (await db.outbox.bulkGet(keys)) as OutboxEntry[];
		await db.outbox.bulkPut([
			{ ...gone, state: 'syncing', attempts: 1, leaseUntil: T0 + 90_000, sender: 'pos-outbox-sender:gone' },
			{ ...live, state: 'syncing', attempts: 1, leaseUntil: T0 + 90_000, sender: 'pos-outbox-sender:live' }
		]);
		const report = await drainOutbox(
			deps({ force: true, sender: 'pos-outbox-sender:this', heldLocks: async () => new Set(['pos-outbox-sender:live', 'pos-outbox-sender:this']) })
		);
		expect(report).toMatchObject({ sent: 1, succeeded: 1 });
		expect(server.requests.flatMap((r) => r.keys)).toEqual([gone.idempotencyKey]);
		const after = await db.outbox.get(gone.idempotencyKey);
		expect(after).toMatchObject({ state: 'succeeded', attempts: 2 });
		expect(after).not.toHaveProperty('sender');
		// The one whose sender still holds its lock is left to it.
		expect(await db.outbox.get(live.idempotencyKey)).toMatchObject({ state: 'syncing', attempts: 1, sender: 'pos-outbox-sender:live' });
	});

	it('names its own lock on what it takes out of the queue, and no lock once answered or back in the queue', async () => {
		const { db, server, deps, keys } = await setup(2);
		let seen: (OutboxEntry | undefined)[] = [];
		const fetch = server.fetch;
		server.faults.push('network');
		const watching: typeof fetch = async (input, init) => {
			seen = await db.outbox.bulkGet(keys);
			return fetch(input, init);
		};
		await drainOutbox(deps({ http: { fetch: watching, baseUrl: '', token: 'token-1' }, sender: 'pos-outbox-sender:this' }));
		expect(seen.map((e) => [e?.state, e?.sender])).toEqual([
			['syncing', 'pos-outbox-sender:this'],
			['syncing', 'pos-outbox-sender:this']
		]);
		expect((await db.outbox.bulkGet(keys)).map((e) => [e?.state, e?.sender])).toEqual([
			['queued', undefined],
			['queued', undefined]
		]);
	});

	it('two tabs draining at once send each entry once (lock + claim)', async () => {
		const { server, deps } = await setup(600);
		let open!: () => void;
		server.gate = new Promise<void>((r) => (open = r));
		const tabA = withOutboxLock(() => drainOutbox(deps({ force: true })), undefined);
		const tabB = withOutboxLock(() => drainOutbox(deps({ force: true })), undefined);
		open();
		const [a, b] = await Promise.all([tabA, tabB]);
		expect(a.sent + b.sent).toBe(600);
		const sentKeys = server.requests.flatMap((r) => r.keys);
		expect(new Set(sentKeys).size).toBe(sentKeys.length);
		expect(server.totalEffects).toBe(600);
	});

	it('even without Web Locks, two drains at once never claim the same entry', async () => {
		const { server, deps } = await setup(30);
		let open!: () => void;
		server.gate = new Promise<void>((r) => (open = r));
		const both = Promise.all([drainOutbox(deps({ force: true })), drainOutbox(deps({ force: true }))]);
		setTimeout(open, 10);
		const [a, b] = await both;
		expect(a.sent + b.sent).toBe(30);
		const sentKeys = server.requests.flatMap((r) => r.keys);
		expect(sentKeys).toHaveLength(30);
		expect(new Set(sentKeys).size).toBe(30);
	});

	it('records when the server last answered and the gaps it reports that this tablet cannot explain', async () => {
		const { db, server, deps, keys } = await setup(4);
		// Entry 2 was paid through a server that did not record its sequence (so it reports it as
		// unseen); entry 3 vanished from this tablet.
		const e2 = (await db.outbox.bulkGet([keys[1], keys[2]]))!;
		await db.outbox.put({ ...e2[0]!, state: 'succeeded' });
		await db.outbox.delete(e2[1]!.idempotencyKey);
		await drainOutbox(deps());
		const sync = (await db.meta.get('sync')) as SyncRow;
		expect(sync.lastSyncAt).toBe(new Date(T0 + 1_000).toISOString());
		expect(sync.gaps).toEqual([{ from: 3, to: 3 }]);
		expect(server.seen.get((await db.outbox.get(keys[0]))!.terminalId)).toEqual(new Set([1, 4]));
	});
});

describe('pruning the outbox', () => {
	it('removes paid and resolved entries after 30 days, never queued or declined ones', async () => {
		const { db, server, deps, keys } = await setup(4);
		server.declines.set(code(2), 'CODE_USED');
		server.declines.set(code(3), 'CODE_USED');
		await drainOutbox(deps());
		await resolve(db, keys[2]!, { kind: 'settled_in_cash', note: 'cash', resolvedAt: new Date(T0).toISOString() });
		const { pruneFinished, OUTBOX_KEEP_MS } = await import('../../../src/lib/offline/store');
		expect(await pruneFinished(db, T0 + OUTBOX_KEEP_MS)).toBe(0);
		expect(await pruneFinished(db, T0 + 2_000 + OUTBOX_KEEP_MS)).toBe(3);
		expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(['declined']);
	});
});
