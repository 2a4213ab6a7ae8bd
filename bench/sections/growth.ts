/**
 * Benchmark 6: does settlement slow down as the tables grow? The same measurements with 1,000 and with
 * 1,000,000 payments already in the database (each with its ledger transfer and its used code, all at the bench
 * merchant, the worst case for the merchant's indexes, spread over the past year). History rows are generated
 * by the database itself (generate_series on PostgreSQL, a recursive CTE on SQLite), 100,000 rows a statement,
 * in a few transactions; the ledger stays balanced (history transfers move money from the external source to
 * the merchant and both balances move by the same sums). Indexes must keep the answers flat.
 */
import { spawnSync } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Db } from '../../api/db/connect.js';
import type { Database } from '../../api/db/schema.js';
import { externalAccountId } from '../../api/ledger/system-accounts.js';
import { Connection } from '../load/http.js';
import { summarize, type Summary } from '../lib/stats.js';
import { amountFor, CURRENCY, CustomerPool, seedBench, type BenchData } from '../lib/seed.js';
import { startServer, type RunningServer } from '../lib/server.js';
import { settle, type Row } from './settlement.js';

const YEAR_MS = 365 * 24 * 3600_000;
const ROWS_PER_STATEMENT = 100_000;

export interface GrowthPoint {
  historyPayments: number;
  insertSeconds: number;
  pay: Row;
  flow: Row;
  listMs: Summary;
  reportMs: Summary;
  /** The Day report's CSV for the accountant (GET /api/reports/daily?format=csv): a row per payment of the day. */
  dayCsv?: { ms: Summary; rows: number };
  /** The shop's campaign page (GET /api/campaigns/{id}/stats): its cost must follow the campaign, not the table. */
  campaignMs?: Summary;
}

export interface GrowthResult {
  dialect: 'sqlite' | 'postgres';
  concurrency: number;
  points: GrowthPoint[];
}

/** Inserts history payments numbered from..to (inclusive), with a transfer and a used code each. */
async function insertHistory(db: Db, data: BenchData, from: number, to: number, t0: number): Promise<number> {
  const started = performance.now();
  const k: Kysely<Database> = db.kysely;
  const step = Math.floor(YEAR_MS / 1_000_000);
  const payer = data.customers[data.customers.length - 1]!.id;
  for (let lo = from; lo <= to; lo += ROWS_PER_STATEMENT) {
    const hi = Math.min(to, lo + ROWS_PER_STATEMENT - 1);
    let total = 0;
    for (let n = lo; n <= hi; n++) total += amountFor(n);
    const series =
      db.dialect === 'postgres'
        ? sql`(select n from generate_series(${lo}::bigint, ${hi}::bigint) as s(n))`
        : sql`(with recursive s(n) as (select ${lo} union all select n + 1 from s where n < ${hi}) select n from s)`;
    const pad = db.dialect === 'postgres' ? sql`lpad(n::text, 16, '0')` : sql`substr('0000000000000000' || n, -16, 16)`;
    const amount = sql`(1000 + ((n * 7919) % 9000))`;
    const at = sql`(${t0} + n * ${step})`;
    await db.kysely.transaction().execute(async (trx) => {
      await sql`insert into payments (id, merchant_id, cashier_id, terminal_id, terminal_seq, customer_id, code_hash, idempotency_key,
          request_hash, status, reason, reason_detail, amount, deduction, charged, settlement, refunded, refunded_cash, refunded_subsidy,
          coupon_id, campaign_id, funding, currency, scanned_at, settled_at)
        select 'pay_0a' || ${pad}, ${data.merchantId}, ${data.cashierId}, null, null, 'cus_hist_' || (n % 5000), 'hist_' || n, 'hist-' || n,
          'hist', 'succeeded', null, null, ${amount}, 0, ${amount}, ${amount}, 0, 0, 0, null, null, null, ${CURRENCY}, ${at}, ${at}
        from ${series} as g`.execute(trx);
      await sql`insert into transfers (id, debit_account_id, credit_account_id, amount, currency, kind, payment_id, refund_id, created_at)
        select 'trf_0a' || ${pad}, ${externalAccountId(CURRENCY)}, ${data.merchantAccountId}, ${amount}, ${CURRENCY}, 'payment', 'pay_0a' || ${pad}, null, ${at}
        from ${series} as g`.execute(trx);
      await sql`insert into paycodes (code_hash, customer_id, coupon_id, created_at, expires_at, state, ended_at)
        select 'hist_' || n, ${payer}, null, ${at} - 5000, ${at} + 55000, 'used', ${at}
        from ${series} as g`.execute(trx);
      await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', total) })).where('id', '=', data.merchantAccountId).execute();
      await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '-', total) })).where('id', '=', externalAccountId(CURRENCY)).execute();
    });
  }
  // PostgreSQL's autovacuum would analyze tables that grew this much within a minute; do it now.
  if (db.dialect === 'postgres') await sql`analyze`.execute(k);
  // As after seeding: the write-back of the inserted rows must not run under the measured loads.
  if (db.dialect === 'postgres') await sql`checkpoint`.execute(k).catch(() => {});
  spawnSync('sync');
  return (performance.now() - started) / 1000;
}

async function timedGets(server: RunningServer, token: string, path: string, times: number, onBody?: (body: string) => void): Promise<Summary> {
  const conn = new Connection('127.0.0.1', server.port);
  const samples: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      const a = await conn.request('GET', path, { Authorization: `Bearer ${token}` });
      if (a.status !== 200) throw new Error(`GET ${path}: ${a.status} ${a.body.slice(0, 200)}`);
      samples.push(performance.now() - t0);
      onBody?.(a.body);
    }
  } finally {
    conn.close();
  }
  return summarize(samples);
}

export async function runGrowth(
  dialect: 'sqlite' | 'postgres',
  url: string,
  o: { concurrency: number; durationMs: number; maxItems: number; sizes: number[]; log: (l: string) => void },
): Promise<GrowthResult> {
  const customers = o.sizes.length * (2 * o.maxItems + 400);
  o.log(`growth ${dialect}: seeding ${customers} customers…`);
  const data = await seedBench(url, { customers });
  const pool = new CustomerPool(data.customers.slice(0, -1));
  const t0 = Date.now() - YEAR_MS;
  const points: GrowthPoint[] = [];
  let have = 0;
  for (const size of o.sizes) {
    const db = await openDatabase(url, { migrate: false });
    let insertSeconds: number;
    try {
      insertSeconds = await insertHistory(db, data, have + 1, size, t0);
    } finally {
      await db.close();
    }
    have = size;
    o.log(`growth ${dialect}: ${size.toLocaleString('en')} history payments in place (inserted in ${insertSeconds.toFixed(1)} s)`);
    const server = await startServer({ databaseUrl: url });
    try {
      await settle('flow', [server], data, pool, 8, 10_000, 200, `gw-${dialect}-${size}`);
      await settle('pay', [server], data, pool, 8, 10_000, 200, `gw2-${dialect}-${size}`);
      const pay = await settle('pay', [server], data, pool, o.concurrency, o.durationMs, o.maxItems, `g-pay-${dialect}-${size}`);
      const flow = await settle('flow', [server], data, pool, o.concurrency, o.durationMs, o.maxItems, `g-flow-${dialect}-${size}`);
      const today = new Date().toISOString().slice(0, 10);
      const listMs = await timedGets(server, data.cashierTokens[0]!, '/api/payments?limit=50', 20);
      const reportMs = await timedGets(server, data.cashierTokens[0]!, `/api/reports/daily?date=${today}`, 10);
      const campaignMs = await timedGets(server, data.managerToken, `/api/campaigns/${data.shopCampaignId}/stats`, 10);
      let csvLines = 0;
      const csvMs = await timedGets(server, data.managerToken, `/api/reports/daily?date=${today}&format=csv`, 5, (body) => (csvLines = body.split('\n').length));
      // The file's lines, its figures and headings included: mostly the day's payments (today's are the loads' above).
      const dayCsv = { ms: csvMs, rows: csvLines };
      o.log(
        `growth ${dialect} @${size.toLocaleString('en')}: payments ${pay.perSecond.toFixed(0)}/s (p99 ${pay.latencyMs.p99.toFixed(1)} ms), code + payment ${flow.perSecond.toFixed(0)}/s, list p50 ${listMs.p50.toFixed(1)} ms, daily report p50 ${reportMs.p50.toFixed(1)} ms, campaign page p50 ${campaignMs.p50.toFixed(1)} ms, day CSV (${csvLines} lines) p50 ${csvMs.p50.toFixed(1)} ms`,
      );
      points.push({ historyPayments: size, insertSeconds, pay, flow, listMs, reportMs, campaignMs, dayCsv });
    } finally {
      await server.stop();
    }
  }
  return { dialect, concurrency: o.concurrency, points };
}
