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
 * A kysely dialect for better-sqlite3 that differs from kysely's own in two ways that matter here:
 * - transactions start with BEGIN IMMEDIATE, so a transaction that will write takes the write lock at once
 *   instead of failing with SQLITE_BUSY when it upgrades from a read (the classic deferred-transaction trap);
 * - prepared statements are cached by SQL text, so a payment's dozen statements are compiled once per process,
 *   not once per request.
 */
const STATEMENT_CACHE_MAX = 500; // distinct SQL texts; the app has far fewer, so this only bounds a leak.

export class BetterSqliteDialect implements Dialect {
  constructor(private readonly database: BetterSqlite3.Database) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new BetterSqliteDriver(this.database);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

class BetterSqliteDriver implements Driver {
  readonly #connection: BetterSqliteConnection;
  #lock: Promise<void> = Promise.resolve();

  constructor(private readonly database: BetterSqlite3.Database) {
    this.#connection = new BetterSqliteConnection(database);
  }
  async init() {}

  /** SQLite has one connection; callers queue for it, which is what serialises transactions in-process. */
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#lock;
    this.#lock = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#connection.release = release;
    return this.#connection;
  }
  async releaseConnection(connection: DatabaseConnection) {
    (connection as BetterSqliteConnection).release?.();
  }
  async beginTransaction(connection: DatabaseConnection) {
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
    this.database.close();
  }
}

class BetterSqliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  constructor(private readonly database: BetterSqlite3.Database) {}

  #prepare(sqlText: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sqlText);
    if (!statement) {
      statement = this.database.prepare(sqlText);
      if (this.#statements.size >= STATEMENT_CACHE_MAX) this.#statements.clear();
      this.#statements.set(sqlText, statement);
    }
    return statement;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used by this app');
  }
}
