// A sync engine on a fresh fake IndexedDB and a fake payment server: the offline tests' common start.
import { PosOfflineDb } from '../../../src/lib/offline/db';
import { SyncEngine, type SyncEngineOptions } from '../../../src/lib/offline/engine';
import { defaultOfflineLimits } from '../../../src/lib/offline/limits';
import { FakePaymentServer } from './fake-server';

/**
 * `net.online` is what the engine is told of the network; `start` runs its loop (stopped with the cleanups). The
 * cleanups (run by the test file's afterEach) wait for the engine to go idle, then delete the database.
 */
export function engineOnFakeServer(
	cleanups: (() => unknown)[],
	{ name, online = true, start = false, over = {} }: { name: string; online?: boolean; start?: boolean; over?: Partial<SyncEngineOptions> }
) {
	const db = new PosOfflineDb(`${name}-${Math.random()}`);
	const server = new FakePaymentServer();
	const net = { online };
	const engine = new SyncEngine({
		db,
		auth: () => ({ token: 'token-1', merchantId: 'm1', cashierId: 'c1' }),
		limits: () => defaultOfflineLimits('CNY'),
		fetch: server.fetch,
		locks: null,
		isOnline: () => net.online,
		random: () => 0.5,
		...over
	});
	// `stop`: what the app does at a sign-out (the engine's start gave it); a second call does nothing.
	const stop = start ? engine.start() : () => undefined;
	cleanups.push(stop, () => engine.whenIdle(), () => db.delete());
	return { db, server, net, engine, stop };
}
