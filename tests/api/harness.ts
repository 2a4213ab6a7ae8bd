/**
 * The API under test, for real: the same app as production, on a fresh SQLite file and (when TEST_DATABASE_URL
 * is set) a fresh PostgreSQL database, driven through app.request (no sockets) with a clock the test can move.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect } from 'vitest';
import { createApp } from '../../api/app.js';
import { defaultConfig, type Config } from '../../api/config.js';
import type { AppDeps, Clock } from '../../api/context.js';
import { startDeps } from '../../api/server.js';
import { checkInvariants } from '../../api/ledger/invariants.js';

export type DialectName = 'sqlite' | 'postgres';

/** The dialects this run covers: SQLite always, PostgreSQL when a test database URL is given. */
export const dialects: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export class TestClock implements Clock {
  constructor(private ms = Date.now()) {}
  now() {
    return this.ms;
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

/**
 * A fresh database URL for one test: a file in a temp dir, or a new PostgreSQL database; empty, or a copy of the
 * closed database at `copyOf` (the file, or a PostgreSQL database made from it as a template).
 */
export async function freshDatabaseUrl(dialect: DialectName, copyOf?: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-test-'));
    const to = path.join(dir, 'pos.db');
    if (copyOf) {
      const from = copyOf.replace(/^sqlite:/, '');
      for (const suffix of ['', '-wal']) if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
    }
    return { url: `sqlite:${to}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `pos_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const template = copyOf ? ` template ${new URL(copyOf).pathname.slice(1)}` : '';
    // A template's connections close asynchronously; one still in use is refused for a moment (55006).
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database ${name}${template}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApi {
  deps: AppDeps;
  clock: TestClock;
  dialect: DialectName;
  databaseUrl: string;
  request(method: string, path: string, options?: { token?: string; key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  signIn(role: 'customer', handle: string, pin: string): Promise<string>;
  signIn(role: 'cashier', handle: string, pin: string, merchant: string): Promise<string>;
  close(): Promise<void>;
}

let keyCounter = 0;
/** A fresh idempotency key, unique within the run. */
export const newKey = () => `test-${process.pid}-${Date.now()}-${++keyCounter}`;

/**
 * Starts the app on a fresh database with the demo data. Registers an afterAll that checks the ledger's
 * invariants (DESIGN.md) once the file's tests are done, then closes and drops the database.
 */
export async function startTestApi(dialect: DialectName, overrides: Partial<Config> = {}): Promise<TestApi> {
  const db = await freshDatabaseUrl(dialect);
  const clock = new TestClock();
  const config = defaultConfig({ databaseUrl: db.url, logLevel: 'silent', demo: true, ...overrides });
  const deps = await startDeps(config, clock);
  const app = createApp(deps);
  const api: TestApi = {
    deps,
    clock,
    dialect,
    databaseUrl: db.url,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.key) headers['idempotency-key'] = options.key;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await app.request(url, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (an event stream or a page); keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async signIn(role: 'customer' | 'cashier', handle: string, pin: string, merchant?: string) {
      const body = role === 'customer' ? { role, handle, pin } : { role, merchant, handle, pin };
      const res = await api.request('POST', '/api/sessions', { body });
      if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      await deps.stop();
      await db.drop();
    },
  };
  return api;
}

/** Use in a describe block: one API for the file, invariants checked at the end, then torn down. */
export function useInvariantCheck(get: () => TestApi | undefined) {
  afterAll(async () => {
    const api = get();
    if (!api) return;
    try {
      const report = await checkInvariants(api.deps.db.kysely);
      expect(report.violations).toEqual([]);
    } finally {
      // Closed and dropped also when the books are wrong: a failed check left its PostgreSQL database behind.
      await api.close();
    }
  });
}

/** A request straight to an app the test opened itself (not through startTestApi): its status and its JSON body. */
export async function requestApp(app: ReturnType<typeof createApp>, method: string, url: string, options: { token?: string; key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The body of an answer whose status is one of `statuses`; any other fails the test with what it was. */
export async function must(res: Promise<{ status: number; body: any }>, ...statuses: number[]) {
  const answer = await res;
  if (!statuses.includes(answer.status)) throw new Error(`expected ${statuses.join(' or ')}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Shortcuts for the flow: money, a customer's code, a payment. */
export const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The demo campaigns' titles by rule kind: the helper picks the customer's demo coupon of that kind. */
const DEMO_TITLES = { fixed: '¥5 off', percent: '15% off, at most ¥20', threshold: '¥10 off orders of ¥50 or more' } as const;

export async function couponId(api: TestApi, token: string, kind: 'fixed' | 'percent' | 'threshold'): Promise<string> {
  const res = await api.request('GET', '/api/coupons', { token });
  const coupon = res.body.coupons.find((c: any) => c.title === DEMO_TITLES[kind] && c.state === 'available');
  if (!coupon) throw new Error(`no available ${kind} coupon`);
  return coupon.id;
}

export async function newCode(api: TestApi, token: string, coupon?: string | null): Promise<string> {
  const res = await api.request('POST', '/api/paycodes', { token, body: coupon ? { couponId: coupon } : {} });
  if (res.status !== 201) throw new Error(`paycode failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.code;
}

export async function pay(api: TestApi, cashier: string, code: string, amount: number, extra: Record<string, unknown> = {}, key = newKey()) {
  return api.request('POST', '/api/payments', { token: cashier, key, body: { code, amount: cny(amount), ...extra } });
}

/** The demo data's people whom tests sign in, by the names the tests give them. */
const DEMO_SIGN_INS = {
  cafe: (api: TestApi) => api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe'),
  books: (api: TestApi) => api.signIn('cashier', 'cashier-1', '4321', 'demo-books'),
  owner: (api: TestApi) => api.signIn('cashier', 'owner', '9999', 'demo-cafe'),
  alice: (api: TestApi) => api.signIn('customer', 'alice', '1111'),
  bob: (api: TestApi) => api.signIn('customer', 'bob', '2222'),
  carol: (api: TestApi) => api.signIn('customer', 'carol', '3333'),
};

/** Signs in each of `who` from the demo data, one after another, and gives their tokens by name. */
export async function signInDemo<K extends keyof typeof DEMO_SIGN_INS>(api: TestApi, ...who: K[]): Promise<Record<K, string>> {
  const tokens = {} as Record<K, string>;
  for (const name of who) tokens[name] = await DEMO_SIGN_INS[name](api);
  return tokens;
}

export async function balance(api: TestApi, token: string): Promise<number> {
  const res = await api.request('GET', '/api/wallet', { token });
  return res.body.balance.amount;
}

/**
 * On PostgreSQL, reads a report (`read`, sent as it is called) while another connection holds the refunds table, so
 * that the report has read the payments and waits at the refunds when `meanwhile` runs (a sale, committed then: a
 * sale never touches the refunds); then lets the refunds go and answers the report. How a test makes certain that
 * something lands between two of a report's statements.
 */
export async function whileRefundsLocked<T>(api: TestApi, read: () => Promise<T>, meanwhile: () => Promise<void>): Promise<T> {
  const watcher = new pg.Client({ connectionString: api.databaseUrl });
  const locker = new pg.Client({ connectionString: api.databaseUrl });
  await watcher.connect();
  try {
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table refunds in access exclusive mode');
    const answer = read();
    // Waits until one of the API's connections (the report's) waits for a lock.
    for (let deadline = Date.now() + 5_000; ; await new Promise((r) => setTimeout(r, 10))) {
      const { rows } = await watcher.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
      if (rows[0].n >= 1) break;
      if (Date.now() >= deadline) throw new Error('the report never came to wait for the refunds table');
    }
    await meanwhile();
    await locker.query('commit');
    return await answer;
  } finally {
    await locker.end();
    await watcher.end();
  }
}
