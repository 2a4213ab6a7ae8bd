/**
 * `npm run bench -- --compare=<git ref>`: a fair before/after of settlement and the ceiling on a shared machine.
 * Runs two servers side by side, A = api/ as it was at <ref> (exported with this bench, seeded by that
 * commit's own modules) and B = api/ of this checkout, each on its own fresh database, and measures them
 * alternately, level by level (A then B, then B then A in the next round), so that both see the same load from
 * whatever else runs on the machine. Separate runs minutes apart do not: the load average here swings from 1 to
 * 20 within a quarter of an hour. Writes bench/compare.md and bench/compare.json.
 */
import { execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../api/db/connect.js';
import { checkInvariants } from '../api/ledger/invariants.js';
import { watchMemory, type MemoryReport } from './lib/memory.js';
import { ROOT } from './lib/paths.js';
import { createDatabase, type BenchDatabase } from './lib/postgres.js';
import { CustomerPool, type BenchData } from './lib/seed.js';
import { startServer } from './lib/server.js';
import { ceilingRun, settle, type Row } from './sections/settlement.js';

export interface CompareOptions {
  levels: number[];
  ceilingLevels: number[];
  durationMs: number;
  maxItemsPerLevel: number;
  rounds: number;
  log: (line: string) => void;
}

export interface Pair {
  what: 'pay' | 'flow' | 'health';
  concurrency: number;
  before: Row[];
  after: Row[];
}

export interface DialectCompare {
  dialect: 'sqlite' | 'postgres';
  pairs: Pair[];
  memory: { before: MemoryReport; after: MemoryReport };
  invariants: { before: boolean; after: boolean };
}

export interface CompareResult {
  ref: string;
  dialects: DialectCompare[];
}

/** api/ at `ref` with this bench/ beside it (so seeding matches that commit's schema) and our node_modules. */
export function exportAt(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-api-'));
  execSync(`git archive ${ref} api package.json | tar -x -C ${dir}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  cpSync(join(ROOT, 'bench'), join(dir, 'bench'), { recursive: true, filter: (src) => !src.includes('/bench/profiles') });
  // The server is bundled by this checkout's script (bench/lib/server.ts), whatever commit api/ comes from.
  cpSync(join(ROOT, 'scripts/build-api.mjs'), join(dir, 'scripts/build-api.mjs'));
  if (existsSync(join(ROOT, 'tests/e2e/support'))) cpSync(join(ROOT, 'tests/e2e/support'), join(dir, 'tests/e2e/support'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Seeds a fresh database for `root`'s api/ (its own bench/seed-cli.ts, in a process of its own), returning what it made. */
export async function seedWith(root: string, url: string, customers: number): Promise<BenchData> {
  const out = join(mkdtempSync(join(tmpdir(), 'pos-bench-seed-')), 'seed.json');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/seed-cli.ts'), url, String(customers), out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seeding from ${root} failed (exit ${code})`);
  const data = JSON.parse(readFileSync(out, 'utf8')) as BenchData;
  rmSync(out, { force: true });
  return data;
}

export async function runCompare(ref: string, pgOk: boolean, o: CompareOptions): Promise<CompareResult> {
  const exported = exportAt(ref);
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(exported, { recursive: true, force: true })];
  const result: CompareResult = { ref, dialects: [] };
  try {
    for (const dialect of pgOk ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      const urls: string[] = [];
      for (let i = 0; i < 2; i++) {
        if (dialect === 'sqlite') {
          const dir = mkdtempSync(join(tmpdir(), 'pos-bench-ab-'));
          cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
          urls.push(`sqlite:${join(dir, 'pos.db')}`);
        } else {
          const db: BenchDatabase = await createDatabase();
          cleanups.push(() => db.drop());
          urls.push(db.url);
        }
      }
      const customers = 400 + o.rounds * o.levels.length * 2 * o.maxItemsPerLevel;
      o.log(`compare ${dialect}: seeding ${customers} customers for each side…`);
      const dataA = await seedWith(exported, urls[0]!, customers);
      const dataB = await seedWith(ROOT, urls[1]!, customers);
      const a = await startServer({ databaseUrl: urls[0]!, root: exported });
      const b = await startServer({ databaseUrl: urls[1]!, root: ROOT });
      const memA = watchMemory(a);
      const memB = watchMemory(b);
      const sides = [
        { name: 'before', server: a, data: dataA, pool: new CustomerPool(dataA.customers) },
        { name: 'after', server: b, data: dataB, pool: new CustomerPool(dataB.customers) },
      ] as const;
      const pairs = new Map<string, Pair>();
      const record = (what: Pair['what'], c: number, side: 'before' | 'after', row: Row) => {
        const key = `${what}/${c}`;
        const pair = pairs.get(key) ?? { what, concurrency: c, before: [], after: [] };
        pair[side].push(row);
        pairs.set(key, pair);
      };
      let memory: DialectCompare['memory'] | undefined;
      try {
        for (const s of sides) {
          await settle('flow', [s.server], s.data, s.pool, 8, 10_000, 200, `ab-warm-${s.name}`);
          await settle('pay', [s.server], s.data, s.pool, 8, 10_000, 200, `ab-warm2-${s.name}`);
        }
        for (let round = 0; round < o.rounds; round++) {
          // Alternate who goes first, so that a drift of the machine's load favours neither side.
          const order = round % 2 === 0 ? sides : ([sides[1], sides[0]] as const);
          const steps: [Pair['what'], number][] = [
            ...o.levels.map((c) => ['pay', c] as [Pair['what'], number]),
            ...o.ceilingLevels.map((c) => ['health', c] as [Pair['what'], number]),
            ...o.levels.map((c) => ['flow', c] as [Pair['what'], number]),
          ];
          for (const [what, c] of steps) {
            const line: string[] = [];
            for (const s of order) {
              const row =
                what === 'health'
                  ? await ceilingRun([s.server], c, o.durationMs)
                  : await settle(what, [s.server], s.data, s.pool, c, o.durationMs, o.maxItemsPerLevel, `ab-${what}-${c}-${round}-${s.name}`);
              record(what, c, s.name, row);
              line.push(`${s.name} ${row.perSecond.toFixed(0)}/s p99 ${row.latencyMs.p99.toFixed(1)} ms${row.serverCpuUsPerOp == null ? '' : ` ${row.serverCpuUsPerOp.toFixed(0)} µs CPU/op`}`);
            }
            o.log(`compare ${dialect} round ${round + 1} ${what} c=${c}: ${line.join(', ')} (load ${loadNow()})`);
          }
        }
      } finally {
        memory = { before: memA.finish(), after: memB.finish() };
        await a.stop();
        await b.stop();
      }
      const invariants = { before: await invariantsHold(urls[0]!), after: await invariantsHold(urls[1]!) };
      result.dialects.push({ dialect, pairs: [...pairs.values()], memory: memory!, invariants });
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  }
  return result;
}

function loadNow(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}

async function invariantsHold(url: string): Promise<boolean> {
  const db = await openDatabase(url, { migrate: false });
  try {
    return (await checkInvariants(db.kysely)).ok;
  } finally {
    await db.close();
  }
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function renderCompare(r: CompareResult, header: string): string {
  const lines = [
    `# Before and after, side by side (A/B)`,
    header,
    `A = "before": api/ at ${r.ref}; B = "after": api/ of this checkout. Both servers run at once, each on its own fresh database seeded by its own commit's modules; every measurement is taken for A and B one right after the other (the order alternates by round), so both face the same load from the rest of the machine. Per second: succeeded payments (or empty requests) per second, mean over the rounds; p99 in ms, the worse of the rounds.`,
  ];
  for (const d of r.dialects) {
    lines.push(`## ${d.dialect}`);
    const rows = d.pairs.map((p) => {
      const what = p.what === 'pay' ? 'POST /api/payments (codes beforehand)' : p.what === 'flow' ? 'code + payment' : 'GET /api/health';
      const b = mean(p.before.map((x) => x.perSecond));
      const a = mean(p.after.map((x) => x.perSecond));
      const p99b = Math.max(...p.before.map((x) => x.latencyMs.p99));
      const p99a = Math.max(...p.after.map((x) => x.latencyMs.p99));
      const failed = [...p.before, ...p.after].reduce((s, x) => s + x.failed, 0);
      const loads = [...p.before, ...p.after].map((x) => x.load1);
      const cpu = (rows: Row[]) => {
        const known = rows.map((x) => x.serverCpuUsPerOp).filter((x): x is number => x !== null && x !== undefined);
        return known.length ? mean(known).toFixed(0) : '—';
      };
      return `| ${what} | ${p.concurrency} | ${b.toFixed(0)} | ${a.toFixed(0)} | ${(a / b).toFixed(2)}× | ${cpu(p.before)} | ${cpu(p.after)} | ${p99b.toFixed(1)} | ${p99a.toFixed(1)} | ${failed} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} |`;
    });
    lines.push(
      [
        '| what | c | before /s | after /s | after ÷ before | before server CPU µs/op | after server CPU µs/op | before p99 ms | after p99 ms | failed | load (1 min) |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
    const health = d.pairs.filter((p) => p.what === 'health');
    const pay = d.pairs.filter((p) => p.what === 'pay');
    if (health.length && pay.length) {
      const best = (ps: Pair[], side: 'before' | 'after') => Math.max(...ps.map((p) => mean(p[side].map((x) => x.perSecond))));
      const rb = best(pay, 'before') / best(health, 'before');
      const ra = best(pay, 'after') / best(health, 'after');
      lines.push(`Headline ratio (best payments/s ÷ best empty requests/s): before ${(rb * 100).toFixed(1)}%, after ${(ra * 100).toFixed(1)}%.`);
    }
    lines.push(
      `Server RSS start / peak / end (MB): before ${d.memory.before.startMb.toFixed(0)} / ${d.memory.before.peakMb.toFixed(0)} / ${d.memory.before.endMb.toFixed(0)}, after ${d.memory.after.startMb.toFixed(0)} / ${d.memory.after.peakMb.toFixed(0)} / ${d.memory.after.endMb.toFixed(0)}. Ledger invariants afterwards: before ${d.invariants.before ? 'hold' : 'BROKEN'}, after ${d.invariants.after ? 'hold' : 'BROKEN'}.`,
    );
  }
  return `${lines.join('\n\n')}\n`;
}
