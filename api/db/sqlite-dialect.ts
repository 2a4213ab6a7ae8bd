import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  type Dialect,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Kysely,
} from 'kysely';

/**
 * A kysely dialect for better-sqlite3 that differs from kysely's own in the ways that matter here:
 * - transactions start with BEGIN IMMEDIATE, so a transaction that will write takes the write lock at once
 *   instead of failing with SQLITE_BUSY when it upgrades from a read (the classic deferred-transaction trap);
 * - prepared statements are cached by SQL text, so a payment's dozen statements are compiled once per process,
 *   not once per request;
 * - a read outside a transaction goes to a second, read-only connection and runs at once. better-sqlite3 is
 *   synchronous but our transactions are not (they await between statements), so the one writing connection
 *   is held by a queue for a transaction's whole life. Without the reader, a session lookup or a merchant's
 *   name queued behind every open transaction; with WAL, the reader sees exactly what is committed, which is
 *   all anyone outside a transaction may see anyway.
 */
const STATEMENT_CACHE_MAX = 500; // distinct SQL texts; the app has far fewer, so this only bounds a leak.

export class BetterSqliteDialect implements Dialect {
  /** `reader` is a read-only connection to the same file; none for an in-memory database (it has no second). */
  constructor(
    private readonly writer: BetterSqlite3.Database,
    private readonly reader: BetterSqlite3.Database | null = null,
  ) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new BetterSqliteDriver(this.writer, this.reader);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/** Prepared statements of one better-sqlite3 connection, by SQL text. */
class Statements {
  readonly #cache = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly database: BetterSqlite3.Database) {}
  get(sqlText: string): BetterSqlite3.Statement {
    let statement = this.#cache.get(sqlText);
    if (!statement) {
      statement = this.database.prepare(sqlText);
      if (this.#cache.size >= STATEMENT_CACHE_MAX) this.#cache.clear();
      this.#cache.set(sqlText, statement);
    }
    return statement;
  }
  tryGet(sqlText: string): BetterSqlite3.Statement | undefined {
    try {
      return this.get(sqlText);
    } catch {
      return undefined;
    }
  }
}

function run<R>(statement: BetterSqlite3.Statement, compiled: CompiledQuery): QueryResult<R> {
  const parameters = compiled.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

class BetterSqliteDriver implements Driver {
  readonly writer: Statements;
  readonly reader: Statements | null;
  #lock: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: BetterSqlite3.Database,
    reader: BetterSqlite3.Database | null,
  ) {
    this.writer = new Statements(database);
    this.reader = reader ? new Statements(reader) : null;
  }
  async init() {}

  /** The writing connection is one; whoever writes queues for it, which is what serialises transactions in-process. */
  async takeWriteLock(): Promise<() => void> {
    let release!: () => void;
    const previous = this.#lock;
    this.#lock = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  /** A handle per use; it takes the write lock only when it begins a transaction or has a write to run. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new BetterSqliteConnection(this);
  }
  async releaseConnection(connection: DatabaseConnection) {
    (connection as BetterSqliteConnection).unlock();
  }
  async beginTransaction(connection: DatabaseConnection) {
    await (connection as BetterSqliteConnection).lock();
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    if (this.database.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }
  async destroy() {
    this.reader?.database.close();
    this.database.close();
  }
}

class BetterSqliteConnection implements DatabaseConnection {
  #release: (() => void) | undefined;
  constructor(private readonly driver: BetterSqliteDriver) {}

  async lock(): Promise<void> {
    this.#release ??= await this.driver.takeWriteLock();
  }
  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#release) return run(this.driver.writer.get(compiled.sql), compiled);
    const reader = this.driver.reader;
    if (reader) {
      // `readonly`, not `reader`: an INSERT … RETURNING returns rows too, and must go to the writer. A statement
      // the reader cannot even prepare (a table a migration is about to create) is left to the writer, whose
      // error, if any, is the one to report.
      const statement = reader.tryGet(compiled.sql);
      if (statement?.readonly) return run(statement, compiled);
    }
    // A write outside a transaction (autocommit), or any statement without a reader: wait for the writer.
    await this.lock();
    try {
      return run(this.driver.writer.get(compiled.sql), compiled);
    } finally {
      this.unlock();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used by this app');
  }
}
