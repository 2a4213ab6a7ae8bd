import type { Executor } from '../db/tx.js';

/**
 * What the payment path needs of a shop on every sale (its ledger account, its name for the answer, its per-payment
 * offline cap), and its time zone for the reports, kept per process so that a payment costs no read of it. A
 * manager may change the name, the zone and the limits (shop/routes.ts), so a copy is forgotten:
 * - on the process that made the change: at once, after the change committed;
 * - on the other processes (PostgreSQL, many API processes): when the notice on SHOPS_CHANNEL reaches them, a few
 *   milliseconds later, as sign-outs reach their session caches (auth/session-cache.ts);
 * - should that notice be lost (the listening connection broken at that moment): when the copy is older than
 *   MERCHANT_FACTS_CACHE_MS.
 * The cache hangs off the database handle, so tests with many databases never mix them.
 */
export const SHOPS_CHANNEL = 'pos_shops';

/** The bound for a lost notice only: one indexed read per shop and process a minute, against thousands of sales. */
export const MERCHANT_FACTS_CACHE_MS = 60_000;

export interface MerchantFacts {
  accountId: string;
  name: string;
  /** The most one payment may be when the server accepts it only for its scan time (payments/scan-time.ts). */
  offlinePaymentMax: number;
  /** The shop's own time zone, or null for the server's TIME_ZONE (shopTimeZone below says which applies). */
  timeZone: string | null;
}

interface FactsCache {
  byId: Map<string, { facts: MerchantFacts; readAtMs: number }>;
  /**
   * Counts changes heard of. A row read just before a change committed must not be kept after the change was
   * forgotten (it would then live on for a minute): readers note the count before reading and keep what they
   * read only if it has not moved (any shop's change: they are rare, and a copy not kept only costs a read).
   */
  changes: number;
}
const caches = new WeakMap<object, FactsCache>();
function cacheOf(db: object): FactsCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { byId: new Map(), changes: 0 }));
  return cache;
}

export async function merchantFacts(trx: Executor, db: object, merchantId: string): Promise<MerchantFacts> {
  const cache = cacheOf(db);
  const nowMs = performance.now();
  const cached = cache.byId.get(merchantId);
  if (cached && nowMs - cached.readAtMs < MERCHANT_FACTS_CACHE_MS) return cached.facts;
  const changesBefore = cache.changes;
  const row = await trx.selectFrom('merchants').select(['account_id', 'name', 'offline_payment_max', 'time_zone']).where('id', '=', merchantId).executeTakeFirstOrThrow();
  const facts = { accountId: row.account_id, name: row.name, offlinePaymentMax: Number(row.offline_payment_max), timeZone: row.time_zone };
  if (cache.changes === changesBefore) cache.byId.set(merchantId, { facts, readAtMs: nowMs });
  return facts;
}

/**
 * Where the shop's day starts: its own zone where one is set (`npm run shop -- --time-zone`, PATCH /api/shop), else
 * the server's TIME_ZONE. The reports, a campaign's days and the day's payments ask here, from the same copy the
 * payment path keeps, so a zone changed by a manager reaches them as a changed name does. (GET /api/me and the
 * sign-in read the shop's row itself, shop/read.ts, with the same fallback.)
 */
export async function shopTimeZone(db: { kysely: Executor }, merchantId: string, serverZone: string): Promise<string> {
  return (await merchantFacts(db.kysely, db, merchantId)).timeZone ?? serverZone;
}

/** This process forgets its copy of a shop's facts (a manager changed them here, or another process said so). */
export function forgetMerchantFacts(db: object, merchantId: string): void {
  const cache = cacheOf(db);
  cache.changes++;
  cache.byId.delete(merchantId);
}
