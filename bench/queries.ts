/**
 * How many SQL statements one request costs: the app in-process (api/server.ts startDeps + buildApp) on a bench
 * database, with a kysely plugin that records every statement the API sends, while one customer takes a code
 * and a cashier charges it. Part of `npm run bench -- --profile` (bench/profile.md): each statement is a round
 * trip on PostgreSQL and a trip through kysely's compiler on both dialects.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { defaultConfig } from '../api/config.js';
import { buildApp, startDeps } from '../api/server.js';
import { amountFor, seedBench } from './lib/seed.js';

interface Recorded {
  kind: string;
  table: string;
}

class Recorder implements KyselyPlugin {
  log: Recorded[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as unknown as { kind: string; from?: { froms: { table?: { identifier?: { name: string } } }[] }; table?: { table?: { identifier?: { name: string } } }; into?: { table?: { identifier?: { name: string } } } };
    const table =
      node.from?.froms?.[0]?.table?.identifier?.name ?? node.table?.table?.identifier?.name ?? node.into?.table?.identifier?.name ?? (node.kind === 'RawNode' ? 'raw sql' : '?');
    this.log.push({ kind: node.kind.replace(/QueryNode$|Node$/, '').toLowerCase(), table });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export interface QueryCount {
  request: string;
  statements: number;
  detail: string;
}

export async function countQueries(databaseUrl: string): Promise<QueryCount[]> {
  const data = await seedBench(databaseUrl, { customers: 4 });
  const deps = await startDeps({ ...defaultConfig(), databaseUrl, logLevel: 'silent', demo: false });
  const recorder = new Recorder();
  deps.db = { ...deps.db, kysely: deps.db.kysely.withPlugin(recorder) };
  const app = buildApp(deps);
  const out: QueryCount[] = [];
  const measure = async (label: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
    recorder.log = [];
    const res = await app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${label}: ${res.status} ${await res.text()}`);
    const counts = new Map<string, number>();
    for (const r of recorder.log) counts.set(`${r.kind} ${r.table}`, (counts.get(`${r.kind} ${r.table}`) ?? 0) + 1);
    out.push({ request: label, statements: recorder.log.length, detail: [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ') });
    return (await res.json()) as { code?: string };
  };
  try {
    for (const [i, c] of data.customers.slice(0, 2).entries()) {
      const withCoupon = c.couponId !== null;
      const { code } = await measure(`POST /api/paycodes (${withCoupon ? 'with a coupon' : 'no coupon'})`, '/api/paycodes', c.token, withCoupon ? { couponId: c.couponId } : {});
      await measure(`POST /api/payments (${withCoupon ? '15% coupon, platform-funded' : 'no coupon'})`, '/api/payments', data.cashierTokens[0]!, { code, amount: { amount: amountFor(i), currency: 'CNY' } }, { 'Idempotency-Key': `q-${i}` });
    }
  } finally {
    await deps.stop();
  }
  return out;
}
