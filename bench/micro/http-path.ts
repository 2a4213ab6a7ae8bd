/**
 * What a payment's HTTP path costs the server, A against B: two (or more) servers side by side, each api/ from a
 * git ref (or `.` for this checkout), each on its own fresh SQLite database, measured alternately at one
 * concurrency (POST /api/payments with codes issued beforehand, then GET /api/health), reporting the server's CPU
 * per request from /proc, which a shared machine moves far less than the rates.
 *   npx tsx bench/micro/http-path.ts --sides=before:HEAD~1,after:. [--rounds=3] [--c=32] [--ms=3000] [--profile=after]
 * BENCH_FAKE_SETTLE=1 in the environment reaches the servers: with a diagnostic build that honours it (every payment
 * after the first answered as a copy of it, not written), what is measured is the HTTP path alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportAt, seedWith } from '../compare.js';
import { runLoad } from '../load/run-load.js';
import { loadAverage } from '../lib/machine.js';
import { ROOT } from '../lib/paths.js';
import type { BenchData } from '../lib/seed.js';
import { amountFor } from '../lib/seed.js';
import { readCpuMs, startServer, type RunningServer } from '../lib/server.js';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rounds = Number(option('rounds') ?? 3);
const concurrency = Number(option('c') ?? 32);
const durationMs = Number(option('ms') ?? 3_000);
const profileSide = option('profile');
/** `pay` or `health`: only that load (a profile of one kind of request). */
const only = option('only');
const fake = process.env.BENCH_FAKE_SETTLE === '1';
const sidesArg = (option('sides') ?? 'before:HEAD,after:.').split(',').map((s) => s.split(':') as [string, string]);
/** Payments per measured run at most (a run also stops at durationMs); with settlement faked, codes are reused. */
const ITEMS_MAX = 8_000;

interface Side {
  name: string;
  root: string;
  server: RunningServer;
  data: BenchData;
  next: number;
  pay: number[];
  health: number[];
  rates: number[];
}

const cleanups: (() => void)[] = [];
const sides: Side[] = [];
const customers = fake ? 2_000 : 400 + (rounds + 1) * ITEMS_MAX;
try {
  for (const [name, ref] of sidesArg) {
    const root = ref === '.' ? ROOT : exportAt(ref);
    if (root !== ROOT) cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const dir = mkdtempSync(join(tmpdir(), 'pos-http-path-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `sqlite:${join(dir, 'pos.db')}`;
    console.log(`${name}: api/ from ${ref}, seeding ${customers} customers…`);
    const data = await seedWith(root, url, customers);
    const profileDir = name === profileSide ? mkdtempSync(join(tmpdir(), 'pos-http-prof-')) : undefined;
    const server = await startServer({ databaseUrl: url, root, nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : undefined });
    if (profileDir) console.log(`${name}: CPU profile in ${profileDir}`);
    sides.push({ name, root, server, data, next: 0, pay: [], health: [], rates: [] });
  }
  const items = (s: Side, n: number) =>
    Array.from({ length: n }, () => {
      const i = s.next++;
      const c = s.data.customers[fake ? i % s.data.customers.length : i]!;
      return { code: c.code!, amount: amountFor(i) };
    });
  const cpuPer = async (s: Side, run: () => Promise<{ answered: number; perSecond: number; failed: number }>) => {
    const before = readCpuMs(s.server.pid)!;
    const r = await run();
    const used = readCpuMs(s.server.pid)! - before;
    if (r.failed > 0) console.log(`  ${s.name}: ${r.failed} failed`);
    return { us: (used * 1000) / r.answered, perSecond: r.perSecond };
  };
  // Warm-up: the JIT, the caches, the connections (not counted).
  for (const s of sides) {
    await runLoad({ scenario: 'pay', targets: [{ host: '127.0.0.1', port: s.server.port }], concurrency: 8, durationMs: 10_000, items: items(s, 400), cashierTokens: s.data.cashierTokens, keyPrefix: `w-${s.name}` });
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) {
      const target = [{ host: '127.0.0.1', port: s.server.port }];
      const skip = async () => ({ us: NaN, perSecond: NaN });
      const pay = only === 'health' ? await skip() : await cpuPer(s, () => runLoad({ scenario: 'pay', targets: target, concurrency, durationMs, items: items(s, ITEMS_MAX), cashierTokens: s.data.cashierTokens, keyPrefix: `p${round}-${s.name}` }));
      // Codes not used in this run stay unused: the next run starts after the ones this one may have taken.
      const health = only === 'pay' ? await skip() : await cpuPer(s, () => runLoad({ scenario: 'health', targets: target, concurrency, durationMs, warmupMs: 500, items: [], cashierTokens: [], keyPrefix: 'h' }));
      s.pay.push(pay.us);
      s.health.push(health.us);
      s.rates.push(pay.perSecond);
      console.log(`round ${round + 1} ${s.name}: payment ${pay.us.toFixed(1)} µs CPU (${pay.perSecond.toFixed(0)}/s), health ${health.us.toFixed(1)} µs (${health.perSecond.toFixed(0)}/s), load ${loadAverage()[0]}`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`\nserver CPU µs per request, c=${concurrency}, ${rounds} rounds of ${durationMs} ms${fake ? ', settlement faked (BENCH_FAKE_SETTLE=1)' : ''}:`);
  for (const s of sides) {
    console.log(`${s.name}: payment ${mean(s.pay).toFixed(1)} [${s.pay.map((x) => x.toFixed(0)).join(', ')}], health ${mean(s.health).toFixed(1)} [${s.health.map((x) => x.toFixed(0)).join(', ')}], payments/s ${mean(s.rates).toFixed(0)}`);
  }
} finally {
  for (const s of sides) await s.server.stop();
  for (const c of cleanups) c();
}
