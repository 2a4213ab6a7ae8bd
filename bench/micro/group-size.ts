/**
 * How many payments share one commit, before and after group commit: the servers of aa9d958 (or --ref) and of
 * this checkout, on SQLite, each started under `strace -c` counting fsync/fdatasync, and on PostgreSQL, counting
 * commits in pg_stat_database; the same load of POST /api/payments at each concurrency, one side after the other.
 *   npx tsx bench/micro/group-size.ts [--ref=aa9d958]   → bench/micro/group-size.md
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { exportAt } from '../compare.js';
import { loadAverage } from '../lib/machine.js';
import { ROOT } from '../lib/paths.js';
import { createDatabase } from '../lib/postgres.js';
import { CustomerPool, type BenchData } from '../lib/seed.js';
import { freePort } from '../lib/server.js';
import { settle } from '../sections/settlement.js';

const ref = process.argv.find((a) => a.startsWith('--ref='))?.slice(6) ?? 'aa9d958';
const LEVELS = [1, 8, 32, 64];
const ITEMS = 600;

async function seed(root: string, url: string, n: number): Promise<BenchData> {
  const out = join(mkdtempSync(join(tmpdir(), 'pos-gs-')), 's.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/seed-cli.ts'), url, String(n), out], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('seed failed');
  return JSON.parse(readFileSync(out, 'utf8')) as BenchData;
}

/** The server under strace (SQLite: counts fsyncs) or plain (PostgreSQL). */
async function start(root: string, url: string, straceOut?: string) {
  const port = await freePort();
  const node = [process.execPath, '--import', 'tsx', join(root, 'api/main.ts')];
  const cmd = straceOut ? ['strace', '-f', '--seccomp-bpf', '-c', '-e', 'trace=fsync,fdatasync', '-o', straceOut, ...node] : node;
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: root, env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', BUILD_ON_START: '0', DEMO: '0' }, stdio: 'ignore' });
  for (let i = 0; i < 600; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

function fsyncs(file: string): number {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(fsync|fdatasync)\s*$/gm)].reduce((s, m) => s + Number(m[1]), 0);
}

async function commits(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // Statistics are flushed to shared memory at most once a second by other backends.
  await new Promise((r) => setTimeout(r, 1_200));
  const { rows } = await c.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = current_database()');
  await c.end();
  return Number(rows[0]!.n);
}

const exported = exportAt(ref);
const lines: string[] = [];
try {
  const sides = [
    { name: `before (${ref})`, root: exported },
    { name: 'after (this checkout)', root: ROOT },
  ];
  const n = LEVELS.length * ITEMS + 400;
  // SQLite: one server per side and level, started under strace, so that the count covers exactly one load.
  lines.push('| database | api | c | payments | payments/s | commits (fsyncs or xact_commit) | payments per commit |', '|---|---|---|---|---|---|---|');
  for (const side of sides) {
    const dir = mkdtempSync(join(tmpdir(), 'pos-gs-db-'));
    const url = `sqlite:${join(dir, 'pos.db')}`;
    const data = await seed(side.root, url, n);
    const pool = new CustomerPool(data.customers);
    for (const c of LEVELS) {
      const trace = join(dir, `strace-${c}.txt`);
      const s = await start(side.root, url, trace);
      const server = { port: s.port } as never;
      const row = await settle('pay', [server], data, pool, c, 10_000, ITEMS, `gs-${c}`);
      await s.stop();
      const f = fsyncs(trace);
      lines.push(`| sqlite | ${side.name} | ${c} | ${row.succeeded} | ${row.perSecond.toFixed(0)} | ${f} fsyncs | ${(row.succeeded / Math.max(1, f)).toFixed(2)} |`);
      console.log(lines[lines.length - 1]);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  for (const side of sides) {
    const db = await createDatabase();
    try {
      const data = await seed(side.root, db.url, n);
      const pool = new CustomerPool(data.customers);
      const s = await start(side.root, db.url);
      const server = { port: s.port } as never;
      for (const c of LEVELS) {
        const before = await commits(db.url);
        const row = await settle('pay', [server], data, pool, c, 10_000, ITEMS, `gs-${c}`);
        const after = await commits(db.url);
        // Our own two statistics reads are transactions too.
        const k = after - before - 2;
        lines.push(`| postgres | ${side.name} | ${c} | ${row.succeeded} | ${row.perSecond.toFixed(0)} | ${k} commits | ${(row.succeeded / Math.max(1, k)).toFixed(2)} |`);
        console.log(lines[lines.length - 1]);
      }
      await s.stop();
    } finally {
      await db.drop();
    }
  }
} finally {
  rmSync(exported, { recursive: true, force: true });
}
writeFileSync(
  join(ROOT, 'bench/micro/group-size.md'),
  [
    '# Payments per commit, before and after group commit',
    `\`npx tsx bench/micro/group-size.ts --ref=${ref}\` on ${new Date().toISOString()}, load average ${loadAverage().join(', ')} at the end. ${ITEMS} payments (codes issued beforehand) per level. SQLite: fsync/fdatasync calls of the server (strace -c), one server start per level (includes start-up's few). PostgreSQL: xact_commit of the database over the load (every transaction, the NOTIFY of each payment included).`,
    lines.join('\n'),
  ].join('\n\n') + '\n',
);
