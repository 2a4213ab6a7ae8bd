import type { Db } from './connect.js';
import type { Kysely, Transaction } from 'kysely';
import { transactionGroupsOf } from './group-commit.js';
import type { Database } from './schema.js';

export type Tx = Transaction<Database>;
export type Executor = Kysely<Database> | Tx;

/**
 * Runs fn in one transaction and retries it when the database says the conflict was transient: PostgreSQL's
 * serialization failure and deadlock (40001, 40P01) and SQLite's busy/locked. The retried function must be
 * free of side effects outside the transaction, which is why events are published only after commit.
 */
const TX_RETRY_MAX = 8;

export async function inTransaction<T>(db: Kysely<Database>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  // On SQLite, concurrent transactions share one COMMIT (db/group-commit.ts); fn cannot tell the difference.
  const grouped = transactionGroupsOf(db);
  if (grouped) return grouped.run(fn);
  return inOwnTransaction(db, fn);
}

/** One physical transaction of its own, retried on a transient conflict. */
export async function inOwnTransaction<T>(db: Kysely<Database>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (attempt >= TX_RETRY_MAX || !isTransientConflict(error)) throw error;
      // Back off a little, with jitter, so two conflicting transactions don't collide again in lockstep.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

export function isTransientConflict(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs fn's reads as of one moment: a report read in several statements (periodFigures and its neighbours) whose
 * answers must add up, and whose every copy (an X report's screen and its file) must be the same. PostgreSQL: one
 * REPEATABLE READ, READ ONLY transaction, whose snapshot is taken by its first statement and held to the end (in
 * READ COMMITTED each statement would see the sales committed since the one before); a read-only transaction
 * there is never aborted as a serialization failure. SQLite: a read transaction on a connection of its own
 * (Db.readSnapshot), which no sale waits for; an in-memory database, which has no second connection, reads in a
 * transaction on its one connection.
 */
export async function inReadSnapshot<T>(db: Db, fn: (read: Executor) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
  if (db.readSnapshot) return db.readSnapshot(fn);
  return inTransaction(db.kysely, fn);
}
