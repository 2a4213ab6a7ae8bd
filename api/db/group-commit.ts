import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Tx } from './tx.js';
import { TurnBatches } from './turn-batches.js';


/** Compiled once: every grouped request runs a pair of these. */
const SAVEPOINT = CompiledQuery.raw('savepoint grouped_tx');
const RELEASE = CompiledQuery.raw('release savepoint grouped_tx');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint grouped_tx');
/**
 * Group commit for every write transaction on SQLite (DESIGN.md "Ledger": throughput from batching, not from
 * weaker durability). SQLite has one writer, so transactions run one after another anyway; what costs is the
 * fsync at each COMMIT (synchronous=FULL), about a millisecond on the event loop. Here the transactions that
 * are asked for during one turn of the event loop run back to back inside one physical transaction, each in a
 * savepoint of its own, and share its single COMMIT:
 * - each caller's function sees the database exactly as if the earlier ones had committed before it started
 *   (they did run before it, in the same connection);
 * - one that throws is rolled back to its savepoint alone, and its caller gets the error; the others go on;
 * - every caller is answered only after the shared COMMIT returned, so nothing is acknowledged before it is
 *   durable; if the COMMIT itself fails, every caller gets that error and nothing of the group remains.
 *
 * Payments batch their own way on top of this (payments/batcher.ts), deferring the merchant's credit to the end
 * of their group; the two compose, since a savepoint may hold savepoints. PostgreSQL needs none of this: its
 * transactions run concurrently on a pool and its own WAL writer flushes concurrent commits together.
 */

/** The most transactions in one group: bounds how long the write lock is held and what a retry repeats. */
const GROUP_MAX = 64;

type Job = { fn: (trx: Tx) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class TransactionGroups {
  readonly #batches = new TurnBatches<Job>(GROUP_MAX, (group) => this.#runGroup(group));

  /** `physical`: one real transaction, with the retries of a transient conflict (tx.ts inOwnTransaction). */
  constructor(private readonly physical: <T>(fn: (trx: Tx) => Promise<T>) => Promise<T>) {}

  run<T>(fn: (trx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => this.#batches.push({ fn, resolve: resolve as (value: unknown) => void, reject }));
  }

  async #runGroup(group: Job[]): Promise<void> {
    if (group.length === 1) {
      // Alone: no savepoint needed; a failure rolls the whole transaction back with it.
      const [job] = group as [Job];
      await this.physical(job.fn).then(job.resolve, job.reject);
      return;
    }
    let outcomes: Outcome[] = [];
    try {
      await this.physical(async (trx) => {
        outcomes = []; // a retried group starts over
        for (const job of group) {
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await job.fn(trx);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}

const groups = new WeakMap<Kysely<Database>, TransactionGroups>();

/** Called once for an SQLite handle (db/connect.ts): its transactions are grouped from then on. */
export function groupTransactions(db: Kysely<Database>, physical: <T>(fn: (trx: Tx) => Promise<T>) => Promise<T>): void {
  groups.set(db, new TransactionGroups(physical));
}

export function transactionGroupsOf(db: Kysely<Database>): TransactionGroups | undefined {
  return groups.get(db);
}
