/**
 * Where a payment's time goes, without HTTP: the server's own modules in this process, on a bench database
 * with codes issued beforehand. Two ways, one after the other, each on fresh customers:
 *   1. settlement groups straight through SettlementBatcher (DB + kysely + the payment logic only);
 *   2. the same through app.request() (adds Hono routing, zod validation, the session lookup, the JSON view);
 *   3. new codes for the customers of 1 and 2 through the code issuer (paycodes/issuer.ts), no HTTP;
 * and prints microseconds per payment for each (CPU includes the checkpoint thread and the GC's threads).
 * Run it bundled to leave tsx's hooks out of the figures, as npm start does:
 *   npx esbuild bench/micro/settle-inprocess.ts --bundle --platform=node --format=esm --outfile=dist/micro.mjs \
 *     --external:better-sqlite3 --external:pg-native \
 *     --banner:js="import { createRequire as r } from 'module'; const require = r(import.meta.url);"
 *   node dist/micro.mjs sqlite 3000 32
 *   npx tsx bench/micro/settle-inprocess.ts [sqlite|postgres] [payments=3000] [concurrency=32]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../api/config.js';
import { buildApp, startDeps } from '../../api/server.js';
import { sha256 } from '../../api/ids.js';
import { canonicalJson } from '../../api/http/idempotency.js';
import type { PaymentRequest } from '../../api/payments/settle.js';
import { createDatabase } from '../lib/postgres.js';
import { amountFor, seedBench } from '../lib/seed.js';

const [dialect = 'sqlite', nArg = '3000', cArg = '32'] = process.argv.slice(2);
const N = Number(nArg);
const C = Number(cArg);

const dir = mkdtempSync(join(tmpdir(), 'pos-micro-'));
const pgDb = dialect === 'postgres' ? await createDatabase() : undefined;
const url = pgDb ? pgDb.url : `sqlite:${join(dir, 'micro.db')}`;
const data = await seedBench(url, { customers: 2 * N + 10, cashierSessions: 1 });
const deps = await startDeps({ ...defaultConfig(), databaseUrl: url, logLevel: 'silent', demo: false });
const app = buildApp(deps);
const customers = data.customers;
let next = 0;

async function pool(count: number, one: (i: number) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: C }, async () => {
    while (i < count) await one(i++);
  }));
}

function cpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function measure(label: string, one: (i: number) => Promise<void>) {
  const t0 = performance.now();
  const c0 = cpu();
  await pool(N, one);
  const wall = performance.now() - t0;
  const used = cpu() - c0;
  console.log(`${label}: ${(N / (wall / 1000)).toFixed(0)}/s, ${((wall * 1000) / N).toFixed(0)} µs wall and ${((used * 1000) / N).toFixed(0)} µs CPU per payment`);
}

await measure('settler (no HTTP)', async () => {
  const c = customers[next++]!;
  const amount = amountFor(next);
  const req: PaymentRequest = {
    merchantId: data.merchantId,
    cashierId: data.cashierId,
    takenBy: data.cashierId,
    idempotencyKey: `m-${next}`,
    requestHash: sha256(canonicalJson({ code: c.code, amount: { amount, currency: 'CNY' }, scannedAt: null })),
    code: c.code!,
    amount,
    currency: 'CNY',
    scannedAt: null,
    terminalId: null,
    terminalSeq: null,
  };
  const r = await deps.settler.settle(req);
  if (r.payment.status !== 'succeeded') throw new Error(`declined ${r.payment.reason}`);
});

await measure('app.request (no sockets)', async () => {
  const c = customers[next++]!;
  const res = await app.request('/api/payments', {
    method: 'POST',
    headers: { Authorization: `Bearer ${data.cashierTokens[0]}`, 'Content-Type': 'application/json', 'Idempotency-Key': `h-${next}` },
    body: JSON.stringify({ code: c.code, amount: { amount: amountFor(next), currency: 'CNY' } }),
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  await res.arrayBuffer();
});

// Code issuing (the customer's half of a sale) for customers whose codes were settled above: each gets a new
// code, with its coupon back on it when it still has one (it was redeemed: then without).
let issued = 0;
await measure('code issuer (no HTTP)', async () => {
  const c = customers[issued++]!;
  await deps.paycodes.issue({ customerId: c.id, couponId: null });
});

await deps.stop();
await pgDb?.drop();
rmSync(dir, { recursive: true, force: true });
