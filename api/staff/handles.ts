import type { Executor } from '../db/tx.js';

/**
 * A cashier's handle by id, for the payment answer's `cashierHandle`, kept per process so that a sale costs no read
 * of it. Nothing to forget: a handle never changes for its id (a removed cashier keeps theirs: staff/routes.ts), and
 * a shop has a handful of staff. The cache hangs off the database handle, so tests with many databases never mix.
 */
const caches = new WeakMap<object, Map<string, Promise<string>>>();

/** The lookup itself is kept, not only its answer: a batch's 500 views asked at once on a cold cache make one read. */
export function cashierHandle(trx: Executor, db: object, cashierId: string): Promise<string> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const known = cache.get(cashierId);
  if (known !== undefined) return known;
  const read = trx
    .selectFrom('cashiers')
    .select('handle')
    .where('id', '=', cashierId)
    .executeTakeFirstOrThrow()
    .then((row) => row.handle);
  cache.set(cashierId, read);
  // A failed read (the database away) is not kept: the next payment asks again.
  read.catch(() => cache.delete(cashierId));
  return read;
}
