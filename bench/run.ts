/**
 * `npm run bench`: the benchmark suite (issue 6). Writes bench/results.md and bench/results.json.
 *
 *   npm run bench                      full run, about ten minutes on two cores
 *   npm run bench -- --quick           settlement and ceiling only, fewer levels: two to three minutes
 *   npm run bench -- --only=settlement,scaleout,growth,frontend,heap
 *   npm run bench -- --api-ref=<git ref>   serve api/ as it was at that commit (before/after comparisons)
 *   npm run bench -- --out=baseline    write bench/baseline.md and .json instead of results
 *   npm run bench -- --profile         CPU profiles of the server under load, summarised in bench/profile.md
 *   npm run bench -- --compare=<ref>   before/after A/B: api/ at <ref> and this api/ side by side, measured
 *                                      alternately (bench/compare.md); fair on a machine whose load swings
 *
 * When bench/baseline.json exists, results.md ends with a before/after table against it.
 * What cannot run here (no PostgreSQL, no Chromium, no build) is skipped with a line saying why.
 */
import { execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadAverage, machine, type Machine } from './lib/machine.js';
import { ROOT } from './lib/paths.js';
import { createDatabase, ensurePostgres, type BenchDatabase } from './lib/postgres.js';
import { renderMarkdown } from './lib/report.js';
import { Profile, summarizeProfile } from './profile.js';
import { buildAndMeasure, qrDecodeTiming, type FrontEndBuild, type QrTiming, type RouteSize } from './sections/frontend.js';
import { runGrowth, type GrowthResult } from './sections/growth.js';
import { runHeap, type HeapResult } from './sections/heap.js';
import { runScaleOut, type ScaleOutResult } from './sections/scaleout.js';
import { runSettlement, type DialectResult, type SettlementOptions } from './sections/settlement.js';
import type { BenchData, CustomerPool } from './lib/seed.js';
import type { QueryCount } from './queries.js';

export interface Results {
  title?: string;
  mode: 'full' | 'quick' | 'profile';
  machine: Machine;
  loadAverageAtEnd: number[];
  seconds: number;
  api: string;
  postgres: string | null;
  settlement: DialectResult[];
  scaleOut: ScaleOutResult | null;
  growth: GrowthResult[];
  frontend: { sizes: RouteSize[] | null; built: boolean; qr: QrTiming | null } | null;
  /** The cashier's JS heap over a sitting of charges (sections/heap.ts); absent in older results. */
  heap?: HeapResult | null;
  skipped: Record<string, string | undefined>;
  notes: string[];
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag('quick');
const profiling = flag('profile');
const only = option('only')?.split(',');
const wants = (section: string) => (only ? only.includes(section) : quick ? section === 'settlement' : true);
const out = option('out') ?? (profiling ? 'profile' : 'results');
/** Where results are written: this checkout's bench/, also when running from an --api-ref export. */
const resultsDir = option('results-dir') ?? join(ROOT, 'bench');

/**
 * What each section runs. Durations are per measured load; a load also stops when its customers run out
 * (maxItems), so a faster server is measured for a shorter time, never with fewer customers than it can use.
 * `--small` shrinks everything, for trying the suite itself out.
 */
const small = flag('small');
const plan = {
  settlement: small
    ? { levels: [1, 8], ceilingLevels: [8], durationMs: 2_000, maxItemsPerLevel: 1_000, offlineItems: 1_000 }
    : quick || profiling
      ? { levels: [1, 32], ceilingLevels: [32], durationMs: profiling ? 8_000 : 3_000, maxItemsPerLevel: profiling ? 8_000 : 3_000, offlineItems: 0 }
      : { levels: [1, 8, 32, 64], ceilingLevels: [8, 64], durationMs: 5_000, maxItemsPerLevel: 5_000, offlineItems: 10_000 },
  scaleOut: small ? { concurrency: 8, durationMs: 2_000, maxItems: 500 } : { concurrency: 32, durationMs: 5_000, maxItems: 5_000 },
  growth: small
    ? { concurrency: 8, durationMs: 2_000, maxItems: 500, sizes: [1_000, 20_000] }
    : { concurrency: 8, durationMs: 4_000, maxItems: 4_000, sizes: [1_000, 1_000_000] },
  qrRuns: small ? 1 : 3,
  heap: small ? { charges: 100, checkpointEvery: 25, scannerEvery: 25 } : { charges: 1_000, checkpointEvery: 250, scannerEvery: 100 },
  compare: small
    ? { levels: [1, 8], ceilingLevels: [8], durationMs: 2_000, maxItemsPerLevel: 500, rounds: 2 }
    : { levels: [1, 8, 64], ceilingLevels: [8, 64], durationMs: 3_000, maxItemsPerLevel: 3_000, rounds: 2 },
};

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function describeApi(ref: string | undefined): string {
  const git = (cmd: string) => {
    try {
      return execSync(cmd, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  if (ref) return `api/ at ${git(`git rev-parse --short ${ref}`) || ref} (--api-ref)`;
  const commit = git('git log -1 --format=%h -- api');
  const dirty = git('git status --porcelain -- api');
  return `api/ of the working tree (last api commit ${commit || 'unknown'}${dirty ? ', with uncommitted changes' : ''})`;
}

/**
 * `--api-ref`: the whole bench runs again from a directory holding api/ as it was at `ref` and this bench/ (so
 * that seeding and migrations use that commit's modules and schema), with this checkout's node_modules; its
 * results are written back here.
 */
async function rerunAgainst(ref: string): Promise<never> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-api-'));
  try {
    execSync(`git archive ${ref} api package.json | tar -x -C ${dir}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    cpSync(join(ROOT, 'bench'), join(dir, 'bench'), { recursive: true, filter: (src) => !src.includes('/bench/profiles') });
    // The server is bundled by this checkout's script (bench/lib/server.ts), whatever commit api/ comes from.
    cpSync(join(ROOT, 'scripts/build-api.mjs'), join(dir, 'scripts/build-api.mjs'));
    // The QR timing drives the browser with the front-end helper's test support (fake camera, y4m writer).
    if (existsSync(join(ROOT, 'tests/e2e/support'))) cpSync(join(ROOT, 'tests/e2e/support'), join(dir, 'tests/e2e/support'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const rest = args.filter((a) => !a.startsWith('--api-ref='));
    const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'bench/run.ts'), ...rest, `--api-label=${describeApi(ref)}`, `--results-dir=${resultsDir}`, `--source-root=${ROOT}`], {
      cwd: dir,
      stdio: 'inherit',
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.exit(code ?? 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const started = performance.now();
  const m = machine();
  log(`${m.nproc} cores, ${m.cpuModel}, node ${m.node}, load average ${m.loadAverageAtStart.join(' ')}`);
  if (flag('render-only')) {
    // Re-renders bench/<out>.md from bench/<out>.json (after a change to the report's layout); measures nothing.
    const saved = JSON.parse(readFileSync(join(resultsDir, `${out}.json`), 'utf8')) as Results;
    const baselineFile = join(resultsDir, 'baseline.json');
    const base = out !== 'baseline' && existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Results) : undefined;
    writeFileSync(join(resultsDir, `${out}.md`), renderMarkdown(saved, base));
    return;
  }
  const ref = option('api-ref');
  if (ref) await rerunAgainst(ref);
  const compareRef = option('compare');
  if (compareRef) {
    const { runCompare, renderCompare } = await import('./compare.js');
    const pgState = await ensurePostgres();
    if (!pgState.ok) log(`PostgreSQL skipped: ${pgState.why}`);
    const r = await runCompare(compareRef, pgState.ok, { ...plan.compare, log });
    const header = `\`npm run bench -- --compare=${compareRef}\` on ${m.date}: ${m.nproc} cores, ${m.cpuModel}, node ${m.node}, PostgreSQL ${pgState.ok ? pgState.version : 'not available'}; load average ${m.loadAverageAtStart.join(', ')} at start, ${loadAverage().join(', ')} at end; ${((performance.now() - started) / 1000).toFixed(0)} s.`;
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'compare.json'), `${JSON.stringify({ machine: m, loadAverageAtEnd: loadAverage(), ...r }, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'compare.md'), renderCompare(r, header));
    log('wrote bench/compare.md and bench/compare.json');
    return;
  }
  const results: Results = {
    title: option('title'),
    mode: profiling ? 'profile' : quick ? 'quick' : 'full',
    machine: m,
    loadAverageAtEnd: [],
    seconds: 0,
    api: option('api-label') ?? describeApi(undefined),
    postgres: null,
    settlement: [],
    scaleOut: null,
    growth: [],
    frontend: null,
    heap: null,
    skipped: {},
    notes: [],
  };
  const profile = profiling ? new Profile(join(resultsDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'))) : undefined;
  const settlementOptions: SettlementOptions = { ...plan.settlement, profile, log };

  const pg = await ensurePostgres();
  if (pg.ok) results.postgres = pg.version;
  const pgSkip = pg.ok ? undefined : `${pg.why} (started neither by us nor by scripts/provision.sh)`;
  if (!pg.ok) log(`PostgreSQL skipped: ${pgSkip}`);
  const cleanups: (() => Promise<void>)[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'pos-bench-'));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  let pgSettlement: { db: BenchDatabase; data: BenchData; pool: CustomerPool } | undefined;

  try {
    if (wants('settlement')) {
      const sqlite = await runSettlement('sqlite', `sqlite:${join(tmp, 'settlement.db')}`, settlementOptions);
      results.settlement.push(sqlite.result);
      if (pg.ok) {
        const db = await createDatabase();
        cleanups.push(() => db.drop());
        const r = await runSettlement('postgres', db.url, settlementOptions);
        results.settlement.push(r.result);
        pgSettlement = { db, data: r.data, pool: r.pool };
      } else results.skipped.settlementPostgres = pgSkip;
      if (settlementOptions.offlineItems === 0) results.skipped.offline = 'not part of --quick';
    } else results.skipped.offline = 'settlement section not selected';

    if (wants('scaleout') && !profiling) {
      if (!pg.ok) results.skipped.scaleOut = pgSkip;
      else {
        let data = pgSettlement?.data;
        let pool = pgSettlement?.pool;
        let url = pgSettlement?.db.url;
        const needed = 4 * plan.scaleOut.maxItems + 400;
        if (!pgSettlement || pgSettlement.pool.left < needed) {
          const { seedBench, CustomerPool } = await import('./lib/seed.js');
          const db = await createDatabase();
          cleanups.push(() => db.drop());
          log(`scale-out: seeding ${needed} customers…`);
          data = await seedBench(db.url, { customers: needed });
          pool = new CustomerPool(data.customers);
          url = db.url;
        }
        results.scaleOut = await runScaleOut(url!, data!, pool!, { ...plan.scaleOut, log });
      }
    } else if (!results.skipped.scaleOut) results.skipped.scaleOut = quick ? 'not part of --quick' : 'not selected';

    if (wants('growth') && !profiling) {
      const o = { ...plan.growth, log };
      results.growth.push(await runGrowth('sqlite', `sqlite:${join(tmp, 'growth.db')}`, o));
      if (pg.ok) {
        const db = await createDatabase();
        cleanups.push(() => db.drop());
        results.growth.push(await runGrowth('postgres', db.url, o));
      } else results.skipped.growthPostgres = pgSkip;
    } else results.skipped.growth = quick ? 'not part of --quick' : 'not selected';

    // The production build is made once and shared by the front-end and heap sections.
    let build: FrontEndBuild | undefined;
    let buildFailed: string | undefined;
    cleanups.push(async () => build?.remove());
    if (wants('frontend') && !profiling) {
      results.frontend = { sizes: null, built: false, qr: null };
      try {
        // Under --api-ref the front end still comes from the checkout (only api/ is from the older commit).
        build = buildAndMeasure(log, option('source-root') ?? ROOT);
        results.frontend.sizes = build.sizes;
        results.frontend.built = true;
        log(`front end: ${build.sizes.map((x) => `${x.route} ${x.gzipKb} KB`).join(', ')}`);
      } catch (e) {
        results.skipped.sizes = buildFailed = String((e as Error).message).split('\n')[0];
      }
      if (!build) results.skipped.qr = 'no production build to serve (see the sizes line)';
      else if (!existsSync('/usr/bin/chromium')) results.skipped.qr = 'no Chromium at /usr/bin/chromium (Playwright cannot download its own browser here)';
      else {
        try {
          results.frontend.qr = await qrDecodeTiming(build.staticDir, plan.qrRuns, log);
        } catch (e) {
          results.skipped.qr = `could not drive Chromium: ${String((e as Error).message).split('\n')[0]}`;
        }
      }
    } else results.skipped.frontend = quick ? 'not part of --quick' : 'not selected';

    if (wants('heap') && !profiling) {
      if (!existsSync('/usr/bin/chromium')) results.skipped.heap = 'no Chromium at /usr/bin/chromium (Playwright cannot download its own browser here)';
      else {
        if (!build && !buildFailed) {
          try {
            build = buildAndMeasure(log, option('source-root') ?? ROOT);
          } catch (e) {
            buildFailed = String((e as Error).message).split('\n')[0];
          }
        }
        if (!build) results.skipped.heap = `no production build of the front end to serve (${buildFailed})`;
        else {
          try {
            results.heap = await runHeap(build.staticDir, { ...plan.heap, log });
          } catch (e) {
            results.skipped.heap = `the sitting failed: ${String((e as Error).message).split('\n')[0]}`;
          }
        }
      }
    } else results.skipped.heap = quick ? 'not part of --quick' : 'not selected';
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup failed: ${e}`));
  }

  results.loadAverageAtEnd = loadAverage();
  results.seconds = (performance.now() - started) / 1000;
  if (results.settlement.length) {
    results.notes.push(
      'Bench customers are written straight into the database before the server starts (bench/lib/seed.ts), not signed up through the API: that only saves the scrypt work of tens of thousands of sign-ups. Everything timed goes through HTTP.',
      `Codes issued beforehand live ${2} h (PAYCODE_TTL_MS is a minute in the API) so that they outlast the run.`,
    );
  }

  if (profile) {
    const summaries = profile.files().map((f) => summarizeProfile(f));
    const { countQueries } = await import('./queries.js');
    const qdir = mkdtempSync(join(tmpdir(), 'pos-bench-q-'));
    const queries: { dialect: string; counts: QueryCount[] }[] = [{ dialect: 'sqlite', counts: await countQueries(`sqlite:${join(qdir, 'queries.db')}`) }];
    rmSync(qdir, { recursive: true, force: true });
    if (pg.ok) {
      const db = await createDatabase();
      try {
        queries.push({ dialect: 'postgres', counts: await countQueries(db.url) });
      } finally {
        await db.drop();
      }
    }
    writeFileSync(join(resultsDir, 'profile.md'), renderProfile(summaries, queries, results));
    log(`profiles summarised in bench/profile.md (raw .cpuprofile files in ${profile.dir})`);
    return;
  }
  const baselineFile = join(resultsDir, 'baseline.json');
  const baseline = out !== 'baseline' && existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Results) : undefined;
  // --out may name a subfolder (tmp/x, gitignored) that a fresh clone does not have yet.
  mkdirSync(dirname(join(resultsDir, out)), { recursive: true });
  writeFileSync(join(resultsDir, `${out}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, `${out}.md`), renderMarkdown(results, baseline));
  log(`wrote bench/${out}.md and bench/${out}.json in ${results.seconds.toFixed(0)} s (load average now ${results.loadAverageAtEnd.join(' ')})`);
}

function renderProfile(summaries: ReturnType<typeof summarizeProfile>[], queries: { dialect: string; counts: QueryCount[] }[], r: Results): string {
  const lines = [
    '# Where the server spends its CPU under load',
    `\`npm run bench -- --profile\` on ${r.machine.date} (${r.machine.nproc} cores, ${r.machine.cpuModel}, node ${r.machine.node}, load ${r.machine.loadAverageAtStart.join(', ')}); ${r.api}.`,
    'Self time from `node --cpu-prof` over the whole server process life (warm-up, payments with codes issued beforehand at c=1 and 32, the ceiling, the full flow). Idle time is left out.',
  ];
  for (const s of summaries) {
    lines.push(`## ${s.file} (${(s.totalMs / 1000).toFixed(1)} s of CPU)`);
    lines.push(['| part | ms | share |', '|---|---|---|', ...s.byOwner.slice(0, 15).map((o) => `| ${o.owner} | ${o.ms.toFixed(0)} | ${(o.share * 100).toFixed(1)}% |`)].join('\n'));
    lines.push(['| function | where | ms | share |', '|---|---|---|---|', ...s.byFunction.map((f) => `| \`${f.fn}\` | ${f.where} | ${f.ms.toFixed(0)} | ${(f.share * 100).toFixed(1)}% |`)].join('\n'));
  }
  lines.push('## SQL statements per request (bench/queries.ts)');
  lines.push('Every statement that reaches the database driver for one request, BEGIN and COMMIT included, counted in-process after a first sale has warmed the caches (on PostgreSQL each is a round trip; "with …" is one statement over several tables).');
  for (const q of queries) {
    lines.push([`| ${q.dialect}: request | statements | which |`, '|---|---|---|', ...q.counts.map((c) => `| ${c.request} | ${c.statements} | ${c.detail} |`)].join('\n'));
  }
  return `${lines.join('\n\n')}\n`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
