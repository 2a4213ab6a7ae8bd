import { CompiledQuery } from 'kysely';
import type { AppDeps } from '../context.js';
import { TurnBatches } from '../db/turn-batches.js';
import { inOwnTransaction, inTransaction, isTransientConflict, isUniqueViolation, type Tx } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { SettlementGroup, settlePayment, type PaymentRequest, type SettleResult } from './settle.js';
import { SET_MAX, settleTogether } from './settle-group.js';
import { lockRowsForSteps } from './step-locks.js';

/** Compiled once: the careful path (settleAll) runs a pair of these per request. */
const SAVEPOINT = CompiledQuery.raw('savepoint settle_one');
const RELEASE = CompiledQuery.raw('release savepoint settle_one');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint settle_one');

/**
 * Group commit of payments (DESIGN.md "Ledger": throughput from batching, not from weaker durability), on both
 * databases. Payment requests that arrive while a group is being written wait for the next one, and then
 * settle together: one BEGIN … COMMIT for the whole group, a statement per table for all of it
 * (settle-group.ts: the codes, coupons and accounts read at once, the payments decided in memory, written at
 * once), and one UPDATE of the merchant's hot balance row, just before the COMMIT. (On SQLite the group's
 * transaction also shares its COMMIT with any other write of the same turn: db/group-commit.ts.)
 *
 * A group that cannot settle together (an unknown code, whose guess counter is a write of its own; the same
 * key or code twice; a key stored long ago, found by the unique index) is rolled back and settled step by step
 * (settle.ts): first without a savepoint per request; a request that fails there rolls that attempt back, is
 * settled alone and the others go again, so it still fails alone. Offline batches and a group with repeated
 * failures take a savepoint per request (settleAll). Nobody waits on a timer: a lone request waits one turn of
 * the event loop; a crowd shares one transaction.
 *
 * What a caller gets back is exactly what settlePayment would have answered in a transaction of its own, and
 * it gets it only after the group's COMMIT returned, so an acknowledged payment is durable.
 */

/** The most requests in one transaction: bounds the time the write lock is held and the work lost to a retry. */
export const GROUP_COMMIT_MAX = SET_MAX;

export type Outcome = { ok: true; result: SettleResult } | { ok: false; error: unknown };

/**
 * Settles requests one after another in the caller's transaction, each in its own savepoint so one that fails
 * is undone alone (its deferred merchant credit too), and writes the group's merchant credits at the end.
 */
export async function settleAll(trx: Tx, deps: AppDeps, requests: readonly PaymentRequest[]): Promise<Outcome[]> {
  await lockRowsForSteps(trx, deps, requests);
  const settlements = new SettlementGroup();
  const attempt = async (request: PaymentRequest): Promise<Outcome> => {
    const before = settlements.snapshot();
    await trx.executeQuery(SAVEPOINT);
    try {
      const result = await settlePayment(trx, deps, request, settlements);
      await trx.executeQuery(RELEASE);
      return { ok: true, result };
    } catch (error) {
      await trx.executeQuery(ROLLBACK_TO);
      await trx.executeQuery(RELEASE);
      settlements.restore(before);
      return { ok: false, error };
    }
  };
  const outcomes: Outcome[] = [];
  for (const request of requests) {
    let outcome = await attempt(request);
    // A deadlock or serialization failure (PostgreSQL) is the transaction's, not this request's: its savepoint
    // is undone, and the whole transaction goes again (inTransaction retries it), rather than answering this
    // request with an error after the others committed.
    if (!outcome.ok && isTransientConflict(outcome.error)) throw outcome.error;
    // Another process settled the same key or code a moment ago; a second look sees its result.
    if (!outcome.ok && isUniqueViolation(outcome.error)) outcome = await attempt(request);
    outcomes.push(outcome);
  }
  await settlements.apply(trx);
  return outcomes;
}

/**
 * Payments of an offline batch in the caller's transaction: SET_MAX items at a time settled together
 * (settle-group.ts), each such chunk in a savepoint; a chunk that cannot settle together is rolled back to it
 * and settled item by item (settleAll), where each item gets its own answer.
 */
export async function settleBatch(trx: Tx, deps: AppDeps, requests: readonly PaymentRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let start = 0; start < requests.length; start += SET_MAX) {
    const chunk = requests.slice(start, start + SET_MAX);
    await trx.executeQuery(SAVEPOINT);
    try {
      const settlements = new SettlementGroup();
      const results = await settleTogether(trx, deps, chunk, settlements, { keyLookupFirst: true });
      await settlements.apply(trx);
      await trx.executeQuery(RELEASE);
      outcomes.push(...results.map((result): Outcome => ({ ok: true, result })));
    } catch {
      await trx.executeQuery(ROLLBACK_TO);
      await trx.executeQuery(RELEASE);
      outcomes.push(...(await settleAll(trx, deps, chunk)));
    }
  }
  return outcomes;
}

/**
 * Items of an offline sync committed together, a transaction of their own. A chunk holds SQLite's only write
 * lock while it settles (on PostgreSQL, the merchant's balance row from the chunk's last write to its COMMIT), and
 * an online sale at another till waits for the chunk in progress. `npm run bench`, 10,000 queued payments in
 * requests of 500 while another till sells (one sale, 20 ms, the next): one transaction per request, the sync
 * took 4.6–5.2 s and the other till made 21 sales at p50 205–230 ms; chunks of 128, 5.7–6.6 s and 81 sales at
 * p50 49–56 ms, p99 125–171; chunks of 64, 6.7–7.3 s and 152–158 sales at p50 17–19 ms, p99 71–99. (A tablet
 * holds at most 50 queued payments by default, one chunk; a shop that raises its offline caps, or a till back
 * from a long outage, sends more.)
 */
export const OFFLINE_CHUNK = 64;

/**
 * An offline sync request (up to 500 items), a transaction per OFFLINE_CHUNK items (settleBatch), with a turn
 * of the event loop between them. Each item stands alone (its own idempotency key and answer), so nothing needs
 * the items to commit together. The turn is what lets other tills in: SQLite's driver is synchronous, so
 * without it one chunk's COMMIT would go straight on to the next chunk in the same turn, and the sales that
 * arrived meanwhile (read off their sockets, queued for the next turn) would wait for the whole request.
 *
 * A chunk that fails as a whole (the database went away, a conflict outlasted the retries) fails the request
 * when nothing is committed yet, as one transaction would have. After a chunk has committed, the request is
 * answered instead: the committed items with their payments (so the route publishes their events; a retry would
 * only replay them, and replays publish nothing), the rest with UNAVAILABLE, which the till sends again.
 */
export async function settleOfflineBatch(deps: AppDeps, requests: readonly PaymentRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let start = 0; start < requests.length; start += OFFLINE_CHUNK) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const chunk = requests.slice(start, start + OFFLINE_CHUNK);
    try {
      outcomes.push(...(await inTransaction(deps.db.kysely, (trx) => settleBatch(trx, deps, chunk))));
    } catch (error) {
      if (start === 0) throw error;
      deps.log.error({ err: error, settled: start, notSettled: requests.length - start }, 'offline batch: a chunk failed after others committed');
      const notSettled = new ApiError(503, 'UNAVAILABLE', 'Not settled: the database failed part-way through this batch. Send it again with the same Idempotency-Key.');
      for (let i = start; i < requests.length; i++) outcomes.push({ ok: false, error: notSettled });
      break;
    }
  }
  return outcomes;
}

type Pending = {
  request: PaymentRequest;
  resolve: (result: SettleResult) => void;
  reject: (error: unknown) => void;
};

/**
 * Thrown inside an optimistic group's transaction when one member's settlement threw: it rolls the whole group
 * back, and names the member so the batcher can take it out.
 */
class MemberFailed extends Error {
  constructor(
    readonly index: number,
    readonly reason: unknown,
  ) {
    super('one settlement of the group failed');
  }
}

/**
 * How many members may fail before a group gives up on the optimistic way and settles with a savepoint each.
 * Members fail rarely (a repeated Idempotency-Key, a code raced by another process, a request error), and
 * every failure costs the group a rollback and a new attempt.
 */
const OPTIMISTIC_FAILURES_MAX = 2;

export class SettlementBatcher {
  readonly #batches = new TurnBatches<Pending>(GROUP_COMMIT_MAX, (group) => this.#settleGroup(group));

  constructor(private readonly deps: AppDeps) {}

  settle(request: PaymentRequest): Promise<SettleResult> {
    return new Promise((resolve, reject) => this.#batches.push({ request, resolve, reject }));
  }

  /**
   * A group first settles together (settle-group.ts): a statement per table for the whole group. A group that
   * cannot (settleTogether throws NeedsSteps before writing: an unknown code, a repeated key, …) or that fails
   * (a key stored long ago meets the unique index) is rolled back and settled step by step (#settleInSteps).
   */
  async #settleGroup(group: Pending[]): Promise<void> {
    let results: SettleResult[];
    try {
      // A transaction of its own, not one shared through db/group-commit.ts: the group already shares its
      // COMMIT, and going through the SQLite transaction groups cost another turn of the event loop and a
      // savepoint (bench: p50 at half the peak 4.3 -> 3.4 ms, CPU per payment 620 -> 523 µs). On PostgreSQL on
      // the groups' own connections, whose statements keep a generic plan (db/connect.ts GROUP_POOL_OPTIONS).
      results = await inOwnTransaction(this.deps.db.groupKysely ?? this.deps.db.kysely, async (trx) => {
        const settlements = new SettlementGroup();
        const settled = await settleTogether(trx, this.deps, group.map((p) => p.request), settlements, { keyLookupFirst: false });
        await settlements.apply(trx);
        return settled;
      });
    } catch {
      return this.#settleInSteps(group);
    }
    group.forEach((pending, i) => pending.resolve(results[i]!));
  }

  /**
   * A group settles optimistically first: all of it in one transaction without a savepoint per member (two
   * round trips fewer per payment), the key checks left to the unique key (settle.ts SettleOptions). When a
   * member throws, the transaction rolls back; that member is settled alone, where it gets its own answer
   * (its error, or the replay of a repeated key), and the others try again together. After
   * OPTIMISTIC_FAILURES_MAX failures the rest settle the careful way, each in a savepoint (settleAll).
   */
  async #settleInSteps(group: Pending[]): Promise<void> {
    let members = group;
    for (let failures = 0; members.length > 1 && failures < OPTIMISTIC_FAILURES_MAX; failures++) {
      let results: SettleResult[];
      try {
        results = await inTransaction(this.deps.db.kysely, (trx) => this.#settleOptimistically(trx, members));
      } catch (error) {
        if (!(error instanceof MemberFailed)) {
          // The transaction failed as a whole (the database went away, or a conflict outlasted the retries):
          // nothing of it was committed, so every caller gets the error and may retry with its key.
          for (const pending of members) pending.reject(error);
          return;
        }
        const failed = members[error.index]!;
        members = members.filter((_, i) => i !== error.index);
        await this.#settleAlone(failed.request).then(failed.resolve, failed.reject);
        continue;
      }
      members.forEach((pending, i) => pending.resolve(results[i]!));
      return;
    }
    if (members.length === 0) return;
    if (members.length === 1) {
      const [pending] = members as [Pending];
      return this.#settleAlone(pending.request).then(pending.resolve, pending.reject);
    }
    let outcomes: Outcome[] = [];
    try {
      await inTransaction(this.deps.db.kysely, async (trx) => {
        outcomes = await settleAll(trx, this.deps, members.map((p) => p.request));
      });
    } catch (error) {
      for (const pending of members) pending.reject(error);
      return;
    }
    members.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
  }

  async #settleOptimistically(trx: Tx, members: readonly Pending[]): Promise<SettleResult[]> {
    await lockRowsForSteps(trx, this.deps, members.map((p) => p.request));
    const settlements = new SettlementGroup();
    const results: SettleResult[] = [];
    for (const [index, pending] of members.entries()) {
      try {
        results.push(await settlePayment(trx, this.deps, pending.request, settlements, { keyLookupFirst: false }));
      } catch (error) {
        // A transient conflict (deadlock, serialization) is the whole group's: inTransaction retries it.
        if (isTransientConflict(error)) throw error;
        throw new MemberFailed(index, error);
      }
    }
    await settlements.apply(trx);
    return results;
  }

  /**
   * A request with nobody to share its transaction needs no savepoint: if it fails, the whole transaction
   * rolls back with it, and the caller gets the error. Its key is looked up first, so a repeat replays. A unique
   * violation means another request with the same key or code committed meanwhile (here or in another process):
   * a second attempt finds it and answers with its result.
   */
  #settleAlone(request: PaymentRequest): Promise<SettleResult> {
    const once = () =>
      inTransaction(this.deps.db.kysely, async (trx) => {
        const settlements = new SettlementGroup();
        const settled = await settlePayment(trx, this.deps, request, settlements, { keyLookupFirst: true });
        await settlements.apply(trx);
        return settled;
      });
    return once().catch((error: unknown) => (isUniqueViolation(error) ? once() : Promise.reject(error)));
  }
}
