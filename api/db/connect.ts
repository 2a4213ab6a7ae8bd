import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SQLITE_CACHE_KIB_DEFAULT } from '../config.js';
import { groupTransactions } from './group-commit.js';
import { PreparingClient } from './pg-client.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';
import { BetterSqliteDialect } from './sqlite-dialect.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { inOwnTransaction } from './tx.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * An open database: the kysely handle every module receives as a parameter (never a module singleton, so the
 * same tests run on both dialects), plus what only PostgreSQL has (LISTEN/NOTIFY for events across processes).
 */
export interface Db {
  kysely: Kysely<Database>;
  /**
   * PostgreSQL: where payment groups settle (payments/batcher.ts), on connections of their own whose prepared
   * statements keep one generic plan (see GROUP_POOL_OPTIONS). The same database and tables as `kysely`; absent
   * on SQLite.
   */
  groupKysely?: Kysely<Database>;
  dialect: DialectName;
  /** Subscribe to a NOTIFY channel (PostgreSQL only); returns an unsubscribe function. */
  listen?: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  /**
   * SQLite on a file: runs fn's reads on a read-only connection of its own, opened for the call, inside one read
   * transaction, so every statement sees the same committed moment (db/tx.ts inReadSnapshot). Absent on PostgreSQL
   * (a REPEATABLE READ transaction does it) and on an in-memory database (it cannot be opened twice).
   */
  readSnapshot?: <T>(fn: (snapshot: Kysely<Database>) => Promise<T>) => Promise<T>;
  close(): Promise<void>;
}

// int8 (money, times, counts) arrives from pg as a string; all our values are safe integers, assert and convert.
pg.types.setTypeParser(20, (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value out of the safe integer range: ${text}`);
  return n;
});
pg.types.setTypeParser(1700, (text: string) => Number(text)); // numeric from sum(); checked by callers

/** Busy timeout for the rare writer outside this process (a CLI, a second server on the same file). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Pool size: two cores serve well under ten concurrent transactions; more only queues inside PostgreSQL. */
const PG_POOL_MAX = 10;
/** The payment groups' own pool: one group settles at a time (payments/batcher.ts); one spare. */
const PG_GROUP_POOL_MAX = 2;
/**
 * A payment group's read and write are each one statement of several CTEs (payments/group-statements.ts), and
 * planning them cost more than running them: PostgreSQL plans a prepared statement afresh on every run (a
 * custom plan) until a generic plan looks no dearer, and for these it never did. A group of one paid ~0.9 ms
 * per statement where a plain one costs ~0.13 ms (session 9, a timer on pg's Client.query). Their generic plans
 * look rows up by the same unique keys, so these connections always use them: in-process (bench/micro), a lone
 * payment 320-355 -> 493-515/s, the same at 8 and 32 connections. Only on this pool: elsewhere a generic plan
 * could misjudge a range (`expires_at < $1` taken for a third of the table) where a custom plan reads the
 * histogram.
 */
const GROUP_POOL_OPTIONS = '-c plan_cache_mode=force_generic_plan';
/** Reconnecting the event listener: first after 100 ms, doubling up to 5 s while the database stays away. */
const LISTEN_RETRY_MIN_MS = 100;
const LISTEN_RETRY_MAX_MS = 5_000;

export interface OpenOptions {
  migrate?: boolean;
  /** SQLite only: how long a writer waits for another connection's lock (tests open several connections). */
  busyTimeoutMs?: number;
  /** SQLite only: the writing connection's page cache in KiB (config's SQLITE_CACHE_KIB). */
  sqliteCacheKib?: number;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  let db: Db;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) db = openPostgres(url);
  else if (url.startsWith('sqlite:')) db = openSqlite(url.slice('sqlite:'.length), options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS, options.sqliteCacheKib ?? SQLITE_CACHE_KIB_DEFAULT);
  // config.ts refuses any other scheme at start; this is for a caller that skipped it.
  else throw new Error(`DATABASE_URL must be sqlite:<file> or postgres://…, not ${url.split(':')[0]}:`);
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(db.kysely);
    } catch (error) {
      await db.close().catch(() => {});
      throw missingDatabase(url, error) ?? error;
    }
  }
  return db;
}

/**
 * PostgreSQL's "database does not exist" (3D000) said with what to do: the server and `npm run shop` make the schema,
 * not the database, and an owner trying PostgreSQL for the first time meets this before anything else.
 */
function missingDatabase(url: string, error: unknown): Error | undefined {
  if ((error as { cause?: { code?: string } }).cause?.code !== '3D000') return undefined;
  const { hostname, port, username, pathname } = new URL(url);
  const name = decodeURIComponent(pathname.slice(1));
  const createdb = ['createdb', hostname && `-h ${hostname}`, port && `-p ${port}`, username && `-U ${decodeURIComponent(username)}`, name].filter(Boolean).join(' ');
  return new Error(`database "${name}" does not exist: make it once with \`${createdb}\` (README, "Running on PostgreSQL"), then try again.`);
}

function openSqlite(file: string, busyTimeoutMs: number, cacheKib: number): Db {
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // FULL: a payment acknowledged to the cashier survives a power cut (DESIGN.md, durability first).
  database.pragma('synchronous = FULL');
  database.pragma(`busy_timeout = ${busyTimeoutMs}`);
  database.pragma('foreign_keys = ON');
  database.pragma(`cache_size = -${cacheKib}`);
  // Reads outside transactions use a second connection, checkpoints a thread of their own (sqlite-dialect.ts,
  // sqlite-checkpointer.ts). An in-memory database cannot be opened twice, so it has neither.
  let reader: BetterSqlite3.Database | null = null;
  let checkpointer: Checkpointer | null = null;
  if (!inMemory) {
    reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    reader.pragma(`busy_timeout = ${busyTimeoutMs}`);
    checkpointer = startCheckpointer(database, file);
  }
  const kysely = new Kysely<Database>({ dialect: new BetterSqliteDialect(database, reader) });
  groupTransactions(kysely, (fn) => inOwnTransaction(kysely, fn));
  // Not the shared reader: a read transaction held across awaits there would show every other request's reads the
  // same old moment (a sale just answered missing from the next list). Not the writer: a transaction there holds
  // every sale back until the report is read (the whole period since the last close, for a shop that never closes).
  const readSnapshot = async <T>(fn: (snapshot: Kysely<Database>) => Promise<T>): Promise<T> => {
    const connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // With no reader of its own, the dialect runs every statement on this one connection, in the transaction.
    const snapshot = new Kysely<Database>({ dialect: new BetterSqliteDialect(connection) });
    try {
      connection.exec('BEGIN'); // deferred: the first SELECT takes the snapshot, and no lock is ever asked for
      return await fn(snapshot);
    } finally {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      await snapshot.destroy(); // closes the connection
    }
  };
  return {
    kysely,
    dialect: 'sqlite',
    ...(inMemory ? {} : { readSnapshot }),
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

/** A kysely handle over a pool of PreparingClient connections; `options` are PostgreSQL startup options. */
function pooledKysely(url: string, max: number, options?: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max, Client: PreparingClient, ...(options ? { options } : {}) });
  // A connection broken by a database restart must not crash the process. pg-pool listens for errors only on
  // idle clients, so every client gets a listener of its own as well (one inside a transaction, between two
  // statements, would otherwise emit an unhandled 'error'); its statement fails and is answered 503.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function openPostgres(url: string): Db {
  const kysely = pooledKysely(url, PG_POOL_MAX);
  const groupKysely = pooledKysely(url, PG_GROUP_POOL_MAX, GROUP_POOL_OPTIONS);
  /**
   * A dedicated connection LISTENs for events. When it drops (database restart, failover, an idle connection cut
   * by the network) it is opened again with backoff, so live results resume without restarting the API.
   */
  const listen = async (channel: string, onPayload: (payload: string) => void) => {
    let client: pg.Client | undefined;
    let closed = false;
    let delayMs = LISTEN_RETRY_MIN_MS;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (msg) => {
        if (msg.channel === channel && msg.payload) onPayload(msg.payload);
      });
      const reconnect = () => {
        if (closed || client !== next) return;
        client = undefined;
        next.end().catch(() => {});
        setTimeout(() => void connect().catch(() => {}), delayMs).unref();
        delayMs = Math.min(delayMs * 2, LISTEN_RETRY_MAX_MS);
      };
      next.on('error', reconnect);
      next.on('end', reconnect);
      client = next;
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        delayMs = LISTEN_RETRY_MIN_MS;
      } catch (error) {
        reconnect();
        throw error;
      }
    };
    await connect();
    return async () => {
      closed = true;
      await client?.end().catch(() => {});
    };
  };
  return {
    kysely,
    groupKysely,
    dialect: 'postgres',
    listen,
    close: async () => {
      await Promise.all([kysely.destroy(), groupKysely.destroy()]);
    },
  };
}
