// @vitest-environment node
// readOutboxView: what the cashier's screens read of the outbox (Today's waiting sales, the sign-out question), in
// one read, so that a sale leaving the queue is never read as nowhere, nor as gone without its answer.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, expect, it, vi } from 'vitest';
import { PosOfflineDb } from '../../../src/lib/offline/db';
import { readOutboxView } from '../../../src/lib/offline/queries';
import { cny, code } from './fixtures';
import { engineOnFakeServer } from './engine-setup';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0)) await c();
});

it('moves each sent sale from the queue to its answer in the same read, a decline with it', async () => {
	const { db, server, net, engine } = engineOnFakeServer(cleanups, { name: 'view', online: false });
	server.declines.set(code(2), 'INSUFFICIENT_FUNDS');

	const keys: string[] = [];
	for (const n of [1, 2, 3]) {
		const r = await engine.charge({ code: code(n), amount: cny(1_000 + n), scannedAt: new Date() });
		if (r.kind !== 'queued') throw new Error(`expected queued, got ${r.kind}`);
		keys.push(r.entry.idempotencyKey);
	}
	const before = await readOutboxView(db, 'm1', [], 100);
	expect(before.pending.map((e) => e.amount.amount)).toEqual([1_001, 1_002, 1_003]);
	expect(before.answered).toEqual([]);
	// Another merchant's view is empty.
	expect((await readOutboxView(db, 'm2', keys, 100)).pending).toEqual([]);

	// Every emission while the queue goes out: each sale is in the queue or answered, never both and never neither.
	const seen: { pending: string[]; answered: string[] }[] = [];
	const sub = liveQuery(() => readOutboxView(db, 'm1', keys, 100)).subscribe((v) =>
		seen.push({ pending: v.pending.map((e) => e.idempotencyKey), answered: v.answered.map((e) => e.idempotencyKey) })
	);
	cleanups.push(() => sub.unsubscribe());
	await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
	net.online = true;
	await engine.sync(true);
	await vi.waitFor(() => expect(seen.at(-1)!.answered).toHaveLength(3), { timeout: 3_000 });
	for (const v of seen) expect([...v.pending, ...v.answered].sort()).toEqual([...keys].sort());

	const after = await readOutboxView(db, 'm1', keys, 100);
	expect(after.pending).toEqual([]);
	expect(after.answered.map((e) => [e.state, e.payment?.status])).toEqual([
		['succeeded', 'succeeded'],
		['declined', 'declined'],
		['succeeded', 'succeeded']
	]);
	expect(after.declined.map((e) => e.idempotencyKey)).toEqual([keys[1]]);
	expect(after.gone).toEqual([]);
	// A key with no entry any more (pruned) is said to be gone, not waited for.
	expect((await readOutboxView(db, 'm1', ['no-such-key'], 100)).gone).toEqual(['no-such-key']);
});
