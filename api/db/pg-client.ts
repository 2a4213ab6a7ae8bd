import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * The pg client every pooled connection uses, with two changes that cut the CPU a statement costs on both
 * sides of the socket (measured in bench/micro/settle-inprocess.ts):
 *
 * - Named prepared statements. kysely sends every statement unnamed, so PostgreSQL parses and plans the same
 *   dozen payment statements again on every request. Named by a digest of their text, each is parsed once
 *   per connection and then only bound and executed. Statements with many parameters (multi-row inserts of a
 *   sync batch, whose text varies with the row count) stay unnamed, so a connection keeps a bounded number.
 * - One write per statement. pg writes the five messages of the extended protocol (parse, bind, describe,
 *   execute, sync) one by one, a system call each; corked, they leave together.
 */
const NAMED_PARAMETERS_MAX = 32;
const names = new Map<string, string>();
const NAMES_MAX = 2_000;

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= NAMES_MAX) names.clear();
    names.set(text, name);
  }
  return name;
}

/** Installed as the pool's client class: `new pg.Pool({ Client: PreparingClient })`. */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    const connection = (this as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection;
    // Replaces the instance's query (pg's overloads are too many to restate in a subclass signature).
    (this as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const stream = connection.stream;
      stream.cork();
      try {
        if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && values.length <= NAMED_PARAMETERS_MAX) {
          return query({ name: statementName(text), text, values }, ...args.slice(2));
        }
        return query(...args);
      } finally {
        process.nextTick(() => stream.uncork());
      }
    };
  }
}
