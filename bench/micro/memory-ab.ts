/**
 * Where a server's peak memory goes, commit against commit: for each git ref (or `.` for this checkout), one
 * server at a time on its own fresh SQLite database (or PostgreSQL with --pg), the same load (code + payment and
 * payments with codes beforehand, at c=64), repeated; reports VmHWM and, at the moment of the highest RSS,
 * process.memoryUsage() (V8 heap total/used, external, array buffers) read inside the server by a preload
 * (memory-probe.cjs), so a growth can be put down to V8's heap or to what lives outside it.
 *   npx tsx bench/micro/memory-ab.ts --refs=df1a7ea,52a2fab,. [--repeats=2] [--ms=8000] [--pg] [--offline]
 * With --offline the bench's offline sync follows the load, as in `npm run bench` (10,000 queued payments in batches of
 * 500, another till selling meanwhile, then the whole queue again): the peak of its large bodies on top of the load's.
 * One server at a time, unlike compare.ts: a peak of memory moves little with the machine's CPU load, but two
 * servers under load at once would each run slower and collect garbage at other moments than alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportAt, seedWith } from '../compare.js';
import { ROOT } from '../lib/paths.js';
import { createDatabase } from '../lib/postgres.js';
import { CustomerPool } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { offlineSync, ONLINE_SALES_MAX, settle } from '../sections/settlement.js';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const refs = (option('refs') ?? 'HEAD,.').split(',');
const repeats = Number(option('repeats') ?? 2);
const durationMs = Number(option('ms') ?? 8_000);
const postgres = args.includes('--pg');
const offline = args.includes('--offline');
const OFFLINE_ITEMS = 10_000;
const ITEMS = 6_000;

interface Probe {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  spaces: Record<string, number>;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
const results: { ref: string; hwm: number; atPeak: Probe; liveMb: number }[] = [];
const roots = new Map<string, string>();
try {
  for (let r = 0; r < repeats; r++) {
    // Alternate the order, so that nothing drifting over the run favours one ref.
    for (const ref of r % 2 === 0 ? refs : [...refs].reverse()) {
      const root = ref === '.' ? ROOT : (roots.get(ref) ?? exportAt(ref));
      roots.set(ref, root);
      let url: string;
      let drop = async () => {};
      if (postgres) {
        const db = await createDatabase();
        url = db.url;
        drop = () => db.drop();
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'pos-mem-ab-'));
        url = `sqlite:${join(dir, 'pos.db')}`;
        drop = async () => rmSync(dir, { recursive: true, force: true });
      }
      const probeOut = join(mkdtempSync(join(tmpdir(), 'pos-mem-probe-')), 'probe.json');
      try {
        const data = await seedWith(root, url, 400 + 4 * ITEMS + (offline ? OFFLINE_ITEMS + ONLINE_SALES_MAX : 0));
        process.env.BENCH_SERVER_NODE_ARGS = `--expose-gc --require ${join(ROOT, 'bench/micro/memory-probe.cjs')}`;
        const server = await startServer({ databaseUrl: url, root, env: { MEMORY_PROBE_OUT: probeOut } });
        const pool = new CustomerPool(data.customers);
        try {
          await settle('flow', [server], data, pool, 8, 10_000, 200, `m-warm-${r}`);
          await settle('flow', [server], data, pool, 64, durationMs, ITEMS, `m-flow-${r}`);
          await settle('pay', [server], data, pool, 64, durationMs, ITEMS, `m-pay-${r}`);
          if (offline) {
            const before = server.memory()!.hwmMb;
            const synced = await offlineSync(server, url, data, pool, OFFLINE_ITEMS, postgres ? 'postgres' : 'sqlite');
            if (!synced.exactlyOnce) throw new Error(`the offline sync was not exactly once: ${JSON.stringify(synced)}`);
            console.log(`${ref}: VmHWM ${before.toFixed(0)} MB before the offline sync (${synced.seconds.toFixed(2)} s)`);
          }
          await new Promise((res) => setTimeout(res, 300));
          const hwm = server.memory()!.hwmMb;
          process.kill(server.pid, 'SIGUSR2');
          await new Promise((res) => setTimeout(res, 1_000));
          const probe = JSON.parse(readFileSync(probeOut, 'utf8')) as { atPeak: Probe; max: Probe; afterGc: Probe | null };
          results.push({ ref, hwm, atPeak: probe.atPeak, liveMb: probe.afterGc ? probe.afterGc.heapUsed / 2 ** 20 : NaN });
          const p = probe.atPeak;
          console.log(
            `${ref}: VmHWM ${hwm.toFixed(0)} MB; at the highest RSS (${mb(p.rss)}): heap total ${mb(p.heapTotal)}, used ${mb(p.heapUsed)}, external ${mb(p.external)} (array buffers ${mb(p.arrayBuffers)}), outside V8's heap ${mb(p.rss - p.heapTotal)}; heap total at most ${mb(probe.max.heapTotal)}; spaces at the peak ${Object.entries(p.spaces).map(([k, v]) => `${k.replace('_space', '')} ${mb(v)}`).join(', ')}; live after the load ${probe.afterGc ? mb(probe.afterGc.heapUsed) : '?'}`,
          );
        } finally {
          await server.stop();
        }
      } finally {
        await drop();
        rmSync(dirname(probeOut), { recursive: true, force: true });
      }
    }
  }
  const load = `c=64, ${durationMs} ms each of code + payment and payment${offline ? `, then the offline sync of ${OFFLINE_ITEMS} payments (and its replay)` : ''}`;
  console.log(`\n${postgres ? 'PostgreSQL' : 'SQLite'}, ${repeats} repeats, ${load}:`);
  for (const ref of refs) {
    const mine = results.filter((x) => x.ref === ref);
    const list = (f: (x: (typeof mine)[number]) => number) => mine.map(f).map((v) => v.toFixed(0)).join(', ');
    console.log(`${ref}: VmHWM ${list((x) => x.hwm)}; heap total at peak ${list((x) => x.atPeak.heapTotal / 2 ** 20)}; outside the heap at peak ${list((x) => (x.atPeak.rss - x.atPeak.heapTotal) / 2 ** 20)}; live heap after the load ${list((x) => x.liveMb)}`);
  }
} finally {
  for (const [ref, root] of roots) if (ref !== '.') rmSync(root, { recursive: true, force: true });
}
