import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { BetterSqliteDialect } from './sqlite-dialect.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * An open database: the kysely handle every module receives as a parameter (never a module singleton, so the
 * same tests run on both dialects), plus what only PostgreSQL has (LISTEN/NOTIFY for events across processes).
 */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Subscribe to a NOTIFY channel (PostgreSQL only); returns an unsubscribe function. */
  listen?: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
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

export interface OpenOptions {
  migrate?: boolean;
  /** SQLite only: how long a writer waits for another connection's lock (tests open several connections). */
  busyTimeoutMs?: number;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  const db = url.startsWith('postgres://') || url.startsWith('postgresql://') ? openPostgres(url) : openSqlite(url, options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS);
  if (options.migrate ?? true) await migrateToLatest(db.kysely);
  return db;
}

function openSqlite(url: string, busyTimeoutMs: number): Db {
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // FULL: a payment acknowledged to the cashier survives a power cut (DESIGN.md, durability first).
  database.pragma('synchronous = FULL');
  database.pragma(`busy_timeout = ${busyTimeoutMs}`);
  database.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new BetterSqliteDialect(database) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_MAX });
  // A broken idle connection (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listen = async (channel: string, onPayload: (payload: string) => void) => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    client.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) onPayload(msg.payload);
    });
    await client.query(`LISTEN ${channel}`);
    return async () => {
      await client.end().catch(() => {});
    };
  };
  return { kysely, dialect: 'postgres', listen, close: () => kysely.destroy() };
}
