// @vitest-environment node
// SyncEngine.watchEntry: how the counter follows a queued charge until the outbox sends it.
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import { cny, code } from './fixtures';
import { engineOnFakeServer } from './engine-setup';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0)) await c();
});

it('follows one queued entry until the outbox sends it', async () => {
	const { server, net, engine } = engineOnFakeServer(cleanups, { name: 'watch', online: false });

	const r = await engine.charge({ code: code(7), amount: cny(1_500), scannedAt: new Date() });
	if (r.kind !== 'queued') throw new Error(`expected queued, got ${r.kind}`);
	const seen: (string | undefined)[] = [];
	const stop = engine.watchEntry(r.entry.idempotencyKey, (e) => seen.push(e?.state));
	await vi.waitFor(() => expect(seen).toEqual(['queued']), { timeout: 3_000 });

	net.online = true;
	await engine.sync(true);
	await vi.waitFor(() => expect(seen.at(-1)).toBe('succeeded'), { timeout: 3_000 });
	stop();
});
