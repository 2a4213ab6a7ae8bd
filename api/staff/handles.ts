import type { Executor } from '../db/tx.js';

/**
 * A cashier's handle by id, for the payment answer's `cashierHandle`, kept per process so that a sale costs no read
 * of it. Nothing to forget: a handle never changes for its id (a removed cashier keeps theirs: staff/routes.ts), and
 * a shop has a handful of staff. The cache hangs off the database handle, so tests with many databases never mix.
 */
const caches = new WeakMap<object, Map<string, string>>();

export async function cashierHandle(trx: Executor, db: object, cashierId: string): Promise<string> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const known = cache.get(cashierId);
  if (known !== undefined) return known;
  const row = await trx.selectFrom('cashiers').select('handle').where('id', '=', cashierId).executeTakeFirstOrThrow();
  cache.set(cashierId, row.handle);
  return row.handle;
}
