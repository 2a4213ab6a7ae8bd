// One tab drains the outbox at a time. With the Web Locks API the lock spans all tabs of the
// origin and is freed when a tab dies; without it (old browsers, unit tests) a promise chain
// still keeps one drain per page.

export const OUTBOX_LOCK_NAME = 'pos-outbox-sync';

export interface LockManagerLike {
	request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The browser's lock manager, when it has one. */
export function browserLocks(): LockManagerLike | undefined {
	if (typeof navigator === 'undefined') return undefined;
	const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks;
	return locks && typeof locks.request === 'function' ? locks : undefined;
}

let tail: Promise<unknown> = Promise.resolve();

/** Runs `fn` while holding the outbox lock; waits for the holder to finish first. */
export function withOutboxLock<T>(fn: () => Promise<T>, locks: LockManagerLike | undefined = browserLocks()): Promise<T> {
	if (locks) return locks.request(OUTBOX_LOCK_NAME, fn);
	const run = tail.then(fn, fn);
	tail = run.catch(() => undefined);
	return run;
}
