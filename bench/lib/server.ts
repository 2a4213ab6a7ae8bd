/**
 * Starts the real server (api/main.ts) as its own process, the way `npm start` runs it but without the
 * front-end build, and reads its memory from /proc: the API bundled by scripts/build-api.mjs and run with plain
 * node, so the pid we hold is the server itself and its memory is production's (tsx alone adds ~70 MB). Under
 * a CPU profile (nodeArgs) it runs from source through tsx instead, so the profile names api/ files (with
 * BENCH_PROFILE_BUNDLE=1, the bundle, as production runs: function names only, but without tsx's own costs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
// @ts-expect-error a plain ES module without types
import { buildApi } from '../../scripts/build-api.mjs';
import { ROOT } from './paths.js';

/** Building the bundle or compiling with tsx takes seconds on a busy two-core machine. */
const START_TIMEOUT_MS = 60_000;

export interface Memory {
  rssMb: number;
  hwmMb: number;
}

export interface RunningServer {
  port: number;
  pid: number;
  memory(): Memory | null;
  stop(): Promise<void>;
}

const bundles = new Map<string, Promise<string>>();
/** The API of `root` bundled once per bench run (dist/bench-server.mjs under that root). */
function bundleOf(root: string): Promise<string> {
  const built = bundles.get(root) ?? (buildApi(root, join(root, 'dist', 'bench-server.mjs')) as Promise<string>);
  bundles.set(root, built);
  return built;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** VmRSS (now) and VmHWM (the peak since start) of a process, in MB; null once it is gone. */
export function readMemory(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux everywhere we run). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far (user + system, all its threads), in ms; null once it is gone. The
 * server's CPU per request is what a busy machine changes least: requests per second fall when teammates'
 * tests take the cores, but the work one request costs the server stays about the same.
 */
export function readCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
    // utime is field 14 and stime field 15 of the whole line, 12th and 13th after the name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** `root`: where api/ is taken from (an export of an older commit in the A/B comparison); this checkout by default. */
export async function startServer(opts: { databaseUrl: string; env?: Record<string, string>; nodeArgs?: string[]; root?: string }): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const root = opts.root ?? ROOT;
  const fromSource = opts.nodeArgs?.length && process.env.BENCH_PROFILE_BUNDLE !== '1';
  const entry = fromSource ? ['--import', 'tsx', join(root, 'api/main.ts')] : [await bundleOf(root)];
  // BENCH_SERVER_NODE_ARGS: node flags for a diagnosis (--trace-gc, --max-semi-space-size=…) on the bundle as it runs.
  const extraArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    BUILD_ON_START: '0',
    // As `npm start` sets it (package.json): two malloc arenas, ~8 MB less at the peak (docs/SCALING.md, session 14).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    // As `npm start` sets it too: blocks of 128 KiB and more are mapped and given back when freed, so the 16 MiB
    // of each PIN's scrypt is not kept after a sign-in (docs/SCALING.md, session 32). An empty value leaves
    // glibc's own moving threshold (for a before/after run).
    MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
    // The bench seeds its own data (demo merchants included) before the server starts.
    DEMO: '0',
    ...opts.env,
  };
  if (env.MALLOC_MMAP_THRESHOLD_ === '') delete env.MALLOC_MMAP_THRESHOLD_;
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, ...(opts.nodeArgs ?? []), ...entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // BENCH_SERVER_LOG=<file>: the server's own output goes there as well (e.g. with BENCH_SERVER_NODE_ARGS=--trace-gc).
  const log = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : null;
  child.stdout?.on('data', (d) => ((output += d), log?.write(d)));
  child.stderr?.on('data', (d) => ((output += d), log?.write(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited on start:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /api/health within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    port,
    pid,
    memory: () => readMemory(pid),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
