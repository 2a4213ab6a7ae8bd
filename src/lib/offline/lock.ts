// One tab drains the outbox at a time. With the Web Locks API the lock spans all tabs of the
// origin and is freed when a tab dies; without it (old browsers, unit tests) a promise chain
// still keeps one drain per page.
//
// Whoever sends entries (a drain, or a sale charged at the counter) also holds a lock of a name of
// its own for as long as an answer may still come, and writes that name on the entries it takes out
// of the queue. The browser frees a lock when its page goes (closed, reloaded, crashed), so an entry
// left `syncing` under a lock that no one holds has no sender any more: the next drain puts it back
// in the queue at once, instead of when its lease runs out (up to 90 s of a queue that did not move).
import { randomId } from './ids';

export const OUTBOX_LOCK_NAME = 'pos-outbox-sync';
/** The names of the senders' locks begin with this. */
export const SENDER_LOCK_PREFIX = 'pos-outbox-sender:';

export interface LockManagerLike {
	request<T>(name: string, callback: () => Promise<T>): Promise<T>;
	/** The locks held now, by every tab of the origin (the Web Locks API has it; tests' stand-ins may not). */
	query?(): Promise<{ held?: { name?: string }[] }>;
}

/** The browser's lock manager, when it has one. */
export function browserLocks(): LockManagerLike | undefined {
	if (typeof navigator === 'undefined') return undefined;
	const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks;
	return locks && typeof locks.request === 'function' ? locks : undefined;
}

let tail: Promise<unknown> = Promise.resolve();

/** The lock of one entry of the declined list, held while a tab settles it; the entry's key follows. */
export const DECLINED_LOCK_PREFIX = 'pos-declined:';
const declinedTails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` while no other tab of this tablet settles the declined entry `idempotencyKey`: two tabs each showing the
 * entry, one charging it again while the other took cash for it, would take the money twice. The second waits, then
 * reads the entry back and finds it settled. Without the Web Locks API, one page at a time still.
 */
export function withDeclinedLock<T>(idempotencyKey: string, fn: () => Promise<T>, locks: LockManagerLike | undefined = browserLocks()): Promise<T> {
	if (locks) return locks.request(`${DECLINED_LOCK_PREFIX}${idempotencyKey}`, fn);
	const run = (declinedTails.get(idempotencyKey) ?? Promise.resolve()).then(fn, fn);
	const settled = run.catch(() => undefined);
	declinedTails.set(idempotencyKey, settled);
	void settled.then(() => {
		if (declinedTails.get(idempotencyKey) === settled) declinedTails.delete(idempotencyKey);
	});
	return run;
}

/** Runs `fn` while holding the outbox lock; waits for the holder to finish first. */
export function withOutboxLock<T>(fn: () => Promise<T>, locks: LockManagerLike | undefined = browserLocks()): Promise<T> {
	if (locks) return locks.request(OUTBOX_LOCK_NAME, fn);
	const run = tail.then(fn, fn);
	tail = run.catch(() => undefined);
	return run;
}

/**
 * Runs `fn` as a sender: holding a lock of a name of its own, which `fn` writes on the entries it takes out of the
 * queue. Without a lock manager that can list the held locks, `fn` gets undefined, and such entries wait for their
 * lease to run out. A lock manager that fails to grant the lock does not stop a payment: `fn` runs without.
 */
export async function asSender<T>(locks: LockManagerLike | undefined, fn: (sender: string | undefined) => Promise<T>): Promise<T> {
	if (!locks?.query) return fn(undefined);
	const name = `${SENDER_LOCK_PREFIX}${randomId()}`;
	let granted = false;
	try {
		return await locks.request(name, () => {
			granted = true;
			return fn(name);
		});
	} catch (err) {
		if (granted) throw err;
		return fn(undefined);
	}
}

/** The names of the locks held now, in every tab; null when they cannot be listed. */
export async function heldLockNames(locks: LockManagerLike | undefined): Promise<ReadonlySet<string> | null> {
	if (!locks?.query) return null;
	try {
		const { held = [] } = await locks.query();
		return new Set(held.flatMap((lock) => (typeof lock.name === 'string' ? [lock.name] : [])));
	} catch {
		return null;
	}
}
