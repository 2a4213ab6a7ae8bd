/**
 * How many SQL statements one request costs: the app in-process (api/server.ts startDeps + buildApp) on a bench
 * database, while one customer takes a code and a cashier charges it. Part of `npm run bench -- --profile`
 * (bench/profile.md): on PostgreSQL each statement is a round trip; on SQLite a call into the library.
 *
 * Counted at the driver, not through a kysely plugin: the hot paths run precompiled queries
 * (`executeQuery(CompiledQuery)`), which skip kysely's plugins, so a plugin saw a payment with a coupon as ten
 * statements on SQLite and five on PostgreSQL, and a payment without one as three and none. Here every statement
 * that reaches better-sqlite3 (a prepared statement's run/all/get) or pg (Client.query) is recorded, BEGIN and
 * COMMIT included.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { defaultConfig } from '../api/config.js';
import { buildApp, startDeps } from '../api/server.js';
import { amountFor, seedBench } from './lib/seed.js';

export interface QueryCount {
  request: string;
  statements: number;
  detail: string;
}

/** "select paycodes", "update accounts", "with (one statement)", "begin", … from a statement's SQL text. */
function describeStatement(sql: string): string {
  const text = sql.trim().replace(/\s+/g, ' ').toLowerCase();
  const verb = /^[a-z]+/.exec(text)?.[0] ?? '?';
  const table = (pattern: RegExp) => pattern.exec(text)?.[1];
  switch (verb) {
    case 'select':
      return text.includes('pg_notify') ? 'notify' : `select ${table(/ from "?([a-z_]+)"?/) ?? ''}`.trim();
    case 'insert':
      return `insert ${table(/^insert into "?([a-z_]+)"?/) ?? '?'}`;
    case 'update':
      return `update ${table(/^update "?([a-z_]+)"?/) ?? '?'}`;
    case 'delete':
      return `delete ${table(/^delete from "?([a-z_]+)"?/) ?? '?'}`;
    case 'with':
      return 'with … (one statement, several tables)';
    default:
      return verb;
  }
}

/**
 * Wraps the drivers' statement calls for as long as the returned recorder is on. Patched on the prototypes
 * before the app opens its connections: better-sqlite3's Statement (taken from a statement of a throwaway
 * in-memory database) and pg's Client (PreparingClient binds the prototype's query when it is constructed).
 */
function recordStatements(): { log: string[]; stop: () => void } {
  const log: string[] = [];
  const scratch = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  scratch.close();
  const databaseProto = Database.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const clientProto = pg.Client.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const originals: [Record<string, (...a: unknown[]) => unknown>, string, (...a: unknown[]) => unknown][] = [];
  const wrap = (proto: Record<string, (...a: unknown[]) => unknown>, method: string, sqlOf: (self: unknown, args: unknown[]) => string | undefined) => {
    const original = proto[method]!;
    originals.push([proto, method, original]);
    proto[method] = function (this: unknown, ...args: unknown[]) {
      const sql = sqlOf(this, args);
      if (sql !== undefined) log.push(describeStatement(sql));
      return original.apply(this, args);
    };
  };
  for (const method of ['run', 'all', 'get', 'iterate']) wrap(statementProto, method, (self) => (self as { source: string }).source);
  wrap(databaseProto, 'exec', (_, args) => String(args[0]));
  wrap(clientProto, 'query', (_, args) => {
    const [first] = args;
    if (typeof first === 'string') return first;
    if (first && typeof first === 'object' && 'text' in first) return String((first as { text: unknown }).text);
    return undefined;
  });
  return { log, stop: () => originals.forEach(([proto, method, original]) => (proto[method] = original)) };
}

export async function countQueries(databaseUrl: string): Promise<QueryCount[]> {
  const data = await seedBench(databaseUrl, { customers: 4 });
  const recorder = recordStatements();
  const deps = await startDeps({ ...defaultConfig(), databaseUrl, logLevel: 'silent', demo: false });
  const app = buildApp(deps);
  const out: QueryCount[] = [];
  const measure = async (label: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
    recorder.log.length = 0;
    const res = await app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${label}: ${res.status} ${await res.text()}`);
    const counts = new Map<string, number>();
    for (const statement of recorder.log) counts.set(statement, (counts.get(statement) ?? 0) + 1);
    out.push({ request: label, statements: recorder.log.length, detail: [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ') });
    return (await res.json()) as { code?: string };
  };
  try {
    // A first sale warms the caches (the session, the merchant), as on a till that has been selling: the rows
    // below are what each later request costs.
    const [first, ...rest] = data.customers;
    const warm = await measure('warm-up', '/api/paycodes', first!.token, first!.couponId ? { couponId: first!.couponId } : {});
    await measure('warm-up', '/api/payments', data.cashierTokens[0]!, { code: warm.code, amount: { amount: amountFor(0), currency: 'CNY' } }, { 'Idempotency-Key': 'q-warm' });
    out.length = 0;
    const withAndWithout = [rest.find((c) => c.couponId !== null), rest.find((c) => c.couponId === null)];
    for (const [i, c] of withAndWithout.entries()) {
      if (!c) continue;
      const withCoupon = c.couponId !== null;
      const { code } = await measure(`POST /api/paycodes (${withCoupon ? 'with a coupon' : 'no coupon'})`, '/api/paycodes', c.token, withCoupon ? { couponId: c.couponId } : {});
      await measure(`POST /api/payments (${withCoupon ? '15% coupon, platform-funded' : 'no coupon'})`, '/api/payments', data.cashierTokens[0]!, { code, amount: { amount: amountFor(i + 1), currency: 'CNY' } }, { 'Idempotency-Key': `q-${i}` });
    }
  } finally {
    await deps.stop();
    recorder.stop();
  }
  return out;
}
