/**
 * The server's memory over a long run (issue 6: "resident memory under 200 MB at peak load and flat over a
 * 10-minute run"). One server on SQLite, as `npm start` runs it (the bundled API), under a steady full flow
 * (a customer takes a code, the cashier charges it) at c=8 for ten minutes; its RSS is read from /proc every
 * five seconds. Writes bench/endurance.md and bench/endurance.json.
 *
 *   npm run bench:endurance                      ten minutes
 *   npm run bench:endurance -- --minutes=2       shorter, to try it out
 *
 * Customers are used again and again, in turn: each payment gives its customer a new code (which retires the
 * last one), so 20,000 seeded customers with 1,000.00 each carry about 350,000 payments; coupons go with
 * each customer's first one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../api/db/connect.js';
import { checkInvariants } from '../api/ledger/invariants.js';
import { runLoad } from './load/run-load.js';
import { loadAverage, machine } from './lib/machine.js';
import { ROOT } from './lib/paths.js';
import { amountFor, seedBench } from './lib/seed.js';
import { startServer } from './lib/server.js';

const args = process.argv.slice(2);
const minutes = Number(args.find((a) => a.startsWith('--minutes='))?.slice(10) ?? 10);
const CUSTOMERS = 20_000;
const CONCURRENCY = 8;
const SAMPLE_EVERY_MS = 5_000;
/**
 * Each wallet's money: enough for ten minutes at 2,500 sales/s (~75 sales per customer at ~55.00 each). With the
 * bench's usual 1,000.00 the wallets ran dry half-way on a faster machine (2026-11-30: from the 20th round on, the
 * sales were mostly declines for insufficient funds, a lighter load than the one the run is for).
 */
const WALLET_MINOR = 5_000_000;
/** A round is one load-generator run; rounds follow each other without a pause. */
const ROUND_MS = 30_000;

interface Sample {
  atSeconds: number;
  rssMb: number;
  payments: number;
}

const log = (line: string) => console.log(`[endurance ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const m = machine();
  const dir = mkdtempSync(join(tmpdir(), 'pos-endurance-'));
  const url = `sqlite:${join(dir, 'endurance.db')}`;
  log(`seeding ${CUSTOMERS} customers…`);
  const data = await seedBench(url, { customers: CUSTOMERS, prepareCodes: false, balanceMinor: WALLET_MINOR });
  const server = await startServer({ databaseUrl: url });
  const samples: Sample[] = [];
  let payments = 0;
  let declined = 0;
  let failed = 0;
  const started = performance.now();
  const sample = () => {
    const mem = server.memory();
    if (mem) samples.push({ atSeconds: Math.round((performance.now() - started) / 1000), rssMb: mem.rssMb, payments });
  };
  sample();
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  const endAt = started + minutes * 60_000;
  try {
    // Each round carries on where the last one stopped, wrapping around, so the wallets drain evenly.
    let cursor = 0;
    for (let round = 0; performance.now() < endAt; round++) {
      const n = data.customers.length;
      const items = Array.from({ length: n }, (_, i) => {
        const k = cursor + i;
        const c = data.customers[k % n]!;
        return { token: c.token, couponId: k < n ? c.couponId : null, amount: amountFor(k) };
      });
      const r = await runLoad({
        scenario: 'flow',
        targets: [{ host: '127.0.0.1', port: server.port }],
        concurrency: CONCURRENCY,
        durationMs: Math.min(ROUND_MS, endAt - performance.now()),
        items,
        cashierTokens: data.cashierTokens,
        keyPrefix: `endurance-${round}`,
      });
      cursor += r.itemsUsed;
      payments += r.succeeded;
      declined += r.declined;
      failed += r.failed;
      log(`round ${round}: ${r.perSecond.toFixed(0)}/s, ${r.succeeded} paid, ${r.declined} declined, ${r.failed} failed; RSS ${server.memory()?.rssMb.toFixed(0)} MB`);
    }
  } finally {
    clearInterval(timer);
    sample();
  }
  const peak = server.memory()?.hwmMb ?? Math.max(...samples.map((s) => s.rssMb));
  await server.stop();
  const db = await openDatabase(url, { migrate: false });
  const invariants = await checkInvariants(db.kysely);
  await db.close();
  rmSync(dir, { recursive: true, force: true });

  const seconds = (performance.now() - started) / 1000;
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  // Flat means the second half of the run holds no more than the first half did at its highest.
  const half = samples.filter((s) => s.atSeconds >= seconds / 2);
  const firstHalfPeak = Math.max(...samples.filter((s) => s.atSeconds < seconds / 2).map((s) => s.rssMb));
  const secondHalfPeak = Math.max(...half.map((s) => s.rssMb));
  const result = {
    machine: m,
    loadAverageAtEnd: loadAverage(),
    minutes,
    concurrency: CONCURRENCY,
    payments,
    declined,
    failed,
    perSecond: payments / seconds,
    rss: { startMb: first.rssMb, peakMb: peak, endMb: last.rssMb, firstHalfPeakMb: firstHalfPeak, secondHalfPeakMb: secondHalfPeak },
    invariants: { ok: invariants.ok, violations: invariants.violations.slice(0, 5) },
    samples,
  };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/endurance.json'), `${JSON.stringify(result, null, 2)}\n`);
  const perMinute = samples.filter((s, i) => i === 0 || s.atSeconds % 60 < SAMPLE_EVERY_MS / 1000 || i === samples.length - 1);
  const md = [
    '# Server memory over a long run',
    '',
    `\`npm run bench:endurance\` on ${m.date}: ${m.nproc} cores, ${m.cpuModel}, node ${m.node}; load average ${m.loadAverageAtStart.join(', ')} at start, ${result.loadAverageAtEnd.join(', ')} at end.`,
    '',
    `One server on SQLite (the bundled API, as \`npm start\` runs it), the full flow (customer takes a code, cashier charges it) at c=${CONCURRENCY} for ${minutes} minutes, ${CUSTOMERS.toLocaleString('en')} customers used round after round.`,
    '',
    '| payments | per second | declined / failed | RSS start | RSS peak | RSS end | peak, 1st half → 2nd half | ledger invariants |',
    '|---|---|---|---|---|---|---|---|',
    `| ${payments.toLocaleString('en')} | ${result.perSecond.toFixed(0)} | ${declined} / ${failed} | ${first.rssMb.toFixed(0)} MB | ${peak.toFixed(0)} MB | ${last.rssMb.toFixed(0)} MB | ${firstHalfPeak.toFixed(0)} → ${secondHalfPeak.toFixed(0)} MB | ${invariants.ok ? 'hold' : 'BROKEN'} |`,
    '',
    '| minute | payments so far | RSS MB |',
    '|---|---|---|',
    ...perMinute.map((s) => `| ${(s.atSeconds / 60).toFixed(1)} | ${s.payments.toLocaleString('en')} | ${s.rssMb.toFixed(0)} |`),
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench/endurance.md'), md);
  log(`${payments} payments in ${seconds.toFixed(0)} s; RSS ${first.rssMb.toFixed(0)} / ${peak.toFixed(0)} / ${last.rssMb.toFixed(0)} MB; invariants ${invariants.ok ? 'hold' : 'BROKEN'}; wrote bench/endurance.md`);
  if (!invariants.ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
