import { CompiledQuery } from 'kysely';
import type { AppDeps } from '../context.js';
import { TurnBatches } from '../db/turn-batches.js';
import { inTransaction, isUniqueViolation, type Tx } from '../db/tx.js';
import { SettlementGroup, settlePayment, type PaymentRequest, type SettleResult } from './settle.js';


/** Compiled once: every grouped request runs a pair of these. */
const SAVEPOINT = CompiledQuery.raw('savepoint settle_one');
const RELEASE = CompiledQuery.raw('release savepoint settle_one');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint settle_one');
/**
 * Group commit of payments on PostgreSQL (DESIGN.md "Ledger": throughput from batching, not from weaker
 * durability; SQLite groups every transaction one level down, in db/group-commit.ts). Payment requests that
 * arrive while a transaction is being written wait for the next one, and then settle together: one
 * BEGIN … COMMIT for the whole group, and one UPDATE of the merchant's hot balance row, just before the
 * COMMIT. Each request runs in its own savepoint, so one that fails (an error answer, a collision) is rolled
 * back alone and the others still commit. Nobody waits on a timer: a lone request waits one turn of the
 * event loop; a crowd shares one transaction.
 *
 * What a caller gets back is exactly what settlePayment would have answered in a transaction of its own, and
 * it gets it only after the group's COMMIT returned, so an acknowledged payment is durable.
 */

/** The most requests in one transaction: bounds the time the write lock is held and the work lost to a retry. */
export const GROUP_COMMIT_MAX = 128;

export type Outcome = { ok: true; result: SettleResult } | { ok: false; error: unknown };

/**
 * Settles requests one after another in the caller's transaction, each in its own savepoint so one that fails
 * is undone alone (its deferred merchant credit too), and writes the group's merchant credits at the end.
 */
export async function settleAll(trx: Tx, deps: AppDeps, requests: readonly PaymentRequest[]): Promise<Outcome[]> {
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
    // Another process settled the same key or code a moment ago; a second look sees its result.
    if (!outcome.ok && isUniqueViolation(outcome.error)) outcome = await attempt(request);
    outcomes.push(outcome);
  }
  await settlements.apply(trx);
  return outcomes;
}

type Pending = {
  request: PaymentRequest;
  resolve: (result: SettleResult) => void;
  reject: (error: unknown) => void;
};

export class SettlementBatcher {
  readonly #batches = new TurnBatches<Pending>(GROUP_COMMIT_MAX, (group) => this.#settleGroup(group));

  constructor(private readonly deps: AppDeps) {}

  settle(request: PaymentRequest): Promise<SettleResult> {
    // On SQLite every transaction already shares its COMMIT with the others asked for in the same turn
    // (db/group-commit.ts), and a merchant's row takes no lock there, so a payment is simply a transaction of
    // its own. The grouping below is for PostgreSQL, where it also keeps the hot merchant row's lock short.
    if (this.deps.db.dialect === 'sqlite') return this.#settleAlone(request);
    return new Promise((resolve, reject) => this.#batches.push({ request, resolve, reject }));
  }

  async #settleGroup(group: Pending[]): Promise<void> {
    if (group.length === 1) {
      const [pending] = group as [Pending];
      return this.#settleAlone(pending.request).then(pending.resolve, pending.reject);
    }
    let outcomes: Outcome[] = [];
    try {
      await inTransaction(this.deps.db.kysely, async (trx) => {
        outcomes = await settleAll(trx, this.deps, group.map((p) => p.request));
      });
    } catch (error) {
      // The group's transaction failed as a whole (the database went away, or a conflict outlasted the
      // retries): nothing of it was committed, so every caller gets the error and may retry with its key.
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
  }

  /**
   * A request with nobody to share its transaction needs no savepoint (two statements, two round trips on
   * PostgreSQL): if it fails, the whole transaction rolls back with it, and the caller gets the error.
   */
  #settleAlone(request: PaymentRequest): Promise<SettleResult> {
    const once = () =>
      inTransaction(this.deps.db.kysely, async (trx) => {
        const settlements = new SettlementGroup();
        const settled = await settlePayment(trx, this.deps, request, settlements);
        await settlements.apply(trx);
        return settled;
      });
    // As in settleAll: another process settled the same key or code a moment ago; a second look sees its result.
    return once().catch((error: unknown) => (isUniqueViolation(error) ? once() : Promise.reject(error)));
  }
}
