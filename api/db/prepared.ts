import { PostgresAdapter, sql, type Compilable, type CompiledQuery, type QueryResult } from 'kysely';
import type { DialectName } from './connect.js';
import type { Executor } from './tx.js';

/**
 * Statements built once, run many times. kysely builds an immutable tree of objects for every query and
 * compiles it to SQL on every call; on the payment path that cost as much CPU as SQLite itself did (a dozen
 * statements a payment, each built and compiled afresh: bench/profile.md). A prepared query is written with
 * the same typed builder, but the builder runs once per database handle: named parameters go in as
 * placeholders, and every later call only fills in the values and sends the SQL it already has. The drivers
 * below cache the database's own prepared statement by SQL text (sqlite-dialect.ts, pg-client.ts), so a hot
 * statement is parsed by the database once per connection as well.
 *
 *   const byToken = prepared<{ tokenHash: string }>()((db, p) =>
 *     db.selectFrom('sessions').selectAll().where('token_hash', '=', p('tokenHash')));
 *   const rows = (await byToken(trx, { tokenHash })).rows;
 *
 * Only fixed shapes can be prepared: a query whose SQL depends on the values (an `in` list of varying length)
 * needs one prepared query per shape, or the ordinary builder. A clause for one dialect is fine: build gets the
 * dialect of the database it is compiled for (`FOR UPDATE` on PostgreSQL only, say).
 */

/** A placeholder is a string no caller can send: a NUL byte never reaches these columns from outside. */
const PLACEHOLDER_PREFIX = '\u0000param:';

type Slot = { name: string } | { value: unknown };
interface Template {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  slots: readonly Slot[];
}

type RowOf<Q> = Q extends Compilable<infer O> ? O : never;
export type PreparedQuery<P, Q> = (db: Executor, params: P) => Promise<QueryResult<RowOf<Q>>>;

/**
 * `prepared<Params>()(build)`: build receives the database (or transaction), `p(name)`, which stands for the
 * value of `params[name]` at each call, and the database's dialect. Curried so that Params is written out while the query's own
 * type is inferred.
 */
export function prepared<P extends Record<string, unknown>>() {
  return <Q extends Compilable<unknown>>(
    build: (db: Executor, p: <K extends keyof P & string>(name: K) => P[K], dialect: DialectName) => Q,
  ): PreparedQuery<P, Q> => {
    // One template per database handle: the adapter object is shared by a Kysely instance and all of its
    // transactions, and differs between SQLite and PostgreSQL (placeholders `?` and `$1`, FOR UPDATE).
    const templates = new WeakMap<object, Template>();
    return async (db, params) => {
      const adapter = db.getExecutor().adapter;
      let template = templates.get(adapter);
      if (!template) {
        template = compileTemplate(db, build);
        templates.set(adapter, template);
      }
      const parameters = template.slots.map((slot) => {
        if (!('name' in slot)) return slot.value;
        const value = params[slot.name];
        if (value === undefined) throw new Error(`prepared query: no value for parameter ${slot.name}`);
        return value;
      });
      return db.executeQuery<RowOf<Q>>({ sql: template.sql, query: template.query, queryId: template.queryId, parameters });
    };
  };
}

function compileTemplate(db: Executor, build: (db: Executor, p: (name: string) => never, dialect: DialectName) => Compilable<unknown>): Template {
  const dialect: DialectName = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  const compiled = build(db, (name) => `${PLACEHOLDER_PREFIX}${name}` as never, dialect).compile();
  const slots = compiled.parameters.map((value): Slot =>
    typeof value === 'string' && value.startsWith(PLACEHOLDER_PREFIX) ? { name: value.slice(PLACEHOLDER_PREFIX.length) } : { value },
  );
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, slots };
}

/** The first row, or undefined: executeTakeFirst for a prepared select. */
export async function firstRow<R>(result: Promise<QueryResult<R>>): Promise<R | undefined> {
  return (await result).rows[0];
}

/** How many rows an insert, update or delete touched. */
export async function affectedRows(result: Promise<QueryResult<unknown>>): Promise<number> {
  return Number((await result).numAffectedRows ?? 0n);
}

/**
 * A placeholder for every column of a row, for a prepared insert of whole rows. Taking a Record of every key
 * (not a list) makes the compiler name a column that a new migration added and this list forgot.
 */
export function rowPlaceholders<R extends Record<string, unknown>>(p: <K extends keyof R & string>(name: K) => R[K], columns: Record<keyof R & string, true>): R {
  const row: Record<string, unknown> = {};
  for (const column of Object.keys(columns)) row[column] = p(column as keyof R & string);
  return row as R;
}

/**
 * Prepared queries for shapes that differ only in how many items they hold (an `in (…)` list, a multi-row
 * insert), one per count from 1 to `max`, each made the first time its count is asked for. Named parameters
 * are numbered by the caller (`id0`, `id1`, …). A count over `max` gets undefined: use the ordinary builder.
 */
export function preparedByCount<P extends Record<string, unknown>, Q extends Compilable<unknown>>(
  max: number,
  build: (count: number, db: Executor, p: (name: string) => never, dialect: DialectName) => Q,
): (count: number) => PreparedQuery<P, Q> | undefined {
  const byCount: PreparedQuery<P, Q>[] = [];
  return (count) => {
    if (count < 1 || count > max) return undefined;
    byCount[count] ??= prepared<P>()((db, p, dialect) => build(count, db, p as (name: string) => never, dialect));
    return byCount[count];
  };
}

/**
 * Lists of any length from a few shapes: a list is padded to the next power of two by repeating its last item
 * (harmless in `in (…)` and `case … when`), so statements over 1 to 128 items come in eight shapes, each
 * prepared once, instead of 128.
 */
export function listBucket(length: number): number {
  let size = 1;
  while (size < length) size *= 2;
  return size;
}

/**
 * Named parameters `${name}0` … for a padded list (see listBucket), written into `into` (a new object by default).
 * Lists and other parameters go into one object this way, never by spreading one parameters object into another
 * (`{ ...a, ...b }`): V8 adds each property of the second on a slow path, ~110 µs for two lists of 32.
 */
export function listParams(name: string, items: readonly unknown[], size = listBucket(items.length), into: Record<string, unknown> = {}): Record<string, unknown> {
  if (items.length === 0) throw new Error('listParams: an empty list');
  for (let i = 0; i < size; i++) into[`${name}${i}`] = items[Math.min(i, items.length - 1)];
  return into;
}

/** Rows to insert, cut into chunks whose sizes are powers of two (37 = 32 + 4 + 1): few statement shapes. */
export function powerOfTwoChunks<T>(rows: readonly T[], max: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < rows.length) {
    let size = 1;
    while (size * 2 <= Math.min(rows.length - start, max)) size *= 2;
    chunks.push(rows.slice(start, start + size));
    start += size;
  }
  return chunks;
}

type ListParams = Record<string, unknown>;
/** `.where(column, ...inList('ids'))`: the operator and right-hand side of a list's condition. */
export type InList = (name: string) => ['in' | '=', never];
export type ListBuild = (db: Executor, p: (name: string) => never, dialect: DialectName, inList: InList) => Compilable<unknown>;

/**
 * A statement over a list of values, prepared on both databases: `build` writes the query with `inList(name)`
 * where the list goes (`.where(column, ...inList('ids'))`). On PostgreSQL the list is one array parameter
 * (`= any($1)`), one shape for any length; on SQLite, which has no arrays, it is padded to the next power of
 * two (listBucket), eight shapes for 1 to 128 items. The function returned runs it for a list (nothing for an
 * empty one), with `fixed` as the other parameters, and gives its rows.
 */
export function preparedList(max: number, build: ListBuild) {
  const onSqlite = preparedByCount<ListParams, never>(max, (n, db, p, dialect) =>
    build(db, p, dialect, (name) => ['in', range(n).map((i) => p(`${name}${i}`)) as never]) as never,
  );
  const onPostgres = prepared<ListParams>()((db, p, dialect) => build(db, p as never, dialect, (name) => ['=', sql`any(${p(name)})` as never]) as never);
  return async <R>(db: Executor, dialect: DialectName, name: string, items: readonly unknown[], fixed: ListParams = {}): Promise<R[]> => {
    if (items.length === 0) return [];
    if (items.length > max) throw new Error(`a list of at most ${max} items`);
    if (dialect === 'postgres') {
      const params: ListParams = Object.assign({}, fixed);
      params[name] = [...items];
      return (await onPostgres(db, params)).rows as R[];
    }
    const size = listBucket(items.length);
    return (await onSqlite(size)!(db, listParams(name, items, size, Object.assign({}, fixed)))).rows as R[];
  };
}

/** 0, 1, …, n − 1: the item numbers of a statement prepared for n items. */
export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `id0, change0, id1, change1, …` for a padded list of pairs, with the padded size (the statement's count). */
export function pairParams(first: string, second: string, pairs: readonly (readonly [unknown, unknown])[]): [number, ListParams] {
  const size = listBucket(pairs.length);
  const params = listParams(first, pairs.map((pair) => pair[0]), size);
  return [size, listParams(second, pairs.map((pair) => pair[1]), size, params)];
}

/**
 * A multi-row insert of whole rows, prepared once per row count (1 to `max`) and database: `build` writes the
 * insert of the rows it is given (placeholders), and the function returned inserts up to `max` rows in one
 * statement. The values are taken from the rows by position, worked out once per statement: naming every cell
 * (`amount17`) in a parameters object and looking each name up again cost a string, an entry and a lookup per
 * cell, the most a group's write on SQLite allocated (a payment row has 27 columns).
 */
export function preparedRows<R extends Record<string, unknown>>(
  max: number,
  columns: Record<keyof R & string, true>,
  build: (db: Executor, rows: R[]) => Compilable<unknown>,
): (db: Executor, rows: readonly R[]) => Promise<QueryResult<unknown>> {
  const names = Object.keys(columns);
  const byCount: WeakMap<object, RowsTemplate>[] = [];
  return async (db, rows) => {
    const count = rows.length;
    if (count < 1 || count > max) throw new Error(`preparedRows: ${count} rows, not 1 to ${max}`);
    const adapter = db.getExecutor().adapter;
    const templates = (byCount[count] ??= new WeakMap());
    let template = templates.get(adapter);
    if (!template) {
      template = compileRowsTemplate(db, count, names, build as (db: Executor, rows: Record<string, unknown>[]) => Compilable<unknown>);
      templates.set(adapter, template);
    }
    const parameters = template.cells.map((cell) => {
      if (cell.column === null) return cell.value;
      const value = rows[cell.row]![cell.column];
      if (value === undefined) throw new Error(`preparedRows: row ${cell.row} has no value for ${cell.column}`);
      return value;
    });
    return db.executeQuery({ sql: template.sql, query: template.query, queryId: template.queryId, parameters });
  };
}

/** Each parameter of a rows statement: a row's column, or a value the statement fixed itself. */
type Cell = { row: number; column: string; value?: undefined } | { row: -1; column: null; value: unknown };
interface RowsTemplate extends Omit<Template, 'slots'> {
  cells: readonly Cell[];
}

function compileRowsTemplate(db: Executor, count: number, columns: readonly string[], build: (db: Executor, rows: Record<string, unknown>[]) => Compilable<unknown>): RowsTemplate {
  // Placeholders name their row and column (`\0param:3:amount`): read back once, here, not at every call.
  const rows = range(count).map((i) => Object.fromEntries(columns.map((column) => [column, `${PLACEHOLDER_PREFIX}${i}:${column}`])));
  const compiled = build(db, rows).compile();
  const cells = compiled.parameters.map((value): Cell => {
    if (typeof value !== 'string' || !value.startsWith(PLACEHOLDER_PREFIX)) {
      // A build that turned a row's value into another ('x' + r.id) would write that text for every row.
      if (typeof value === 'string' && value.includes(PLACEHOLDER_PREFIX)) throw new Error(`preparedRows: a row's value was changed in the statement, not passed as it is: ${JSON.stringify(value)}`);
      return { row: -1, column: null, value };
    }
    const [row, column] = value.slice(PLACEHOLDER_PREFIX.length).split(/:(.*)/s) as [string, string];
    return { row: Number(row), column };
  });
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, cells };
}

/** Any number of rows through a `preparedRows` insert, in chunks whose sizes are powers of two (few shapes). */
export async function insertRows<R extends Record<string, unknown>>(
  db: Executor,
  insert: (db: Executor, rows: readonly R[]) => Promise<unknown>,
  rows: readonly R[],
  max: number,
): Promise<void> {
  for (const chunk of powerOfTwoChunks(rows, max)) await insert(db, chunk);
}
