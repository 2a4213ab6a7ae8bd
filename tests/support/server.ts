/**
 * The real server as a separate process, for the tests that must kill it: the program `npm start` runs (the API
 * bundled by scripts/build-api.mjs, run with plain node), so these tests also prove the bundle works, and the
 * pid we hold is the server itself and SIGKILL hits exactly it (no process group games, nothing else on the
 * machine is touched).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error a plain ES module without types
import { buildApi } from '../../scripts/build-api.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** How long a (re)start may take on a busy two-core machine before we give up. */
const START_TIMEOUT_MS = 90_000;
/** How often the health route is asked while the server starts. */
const HEALTH_POLL_MS = 50;
/** Lines of the server's stderr kept for a failure message. */
const STDERR_LINES_KEPT = 40;

/**
 * The bundle, built once per test process under dist/ (where main.ts expects to sit, one level below the
 * root) with a name of its own, so test files in parallel workers never read each other's half-written file.
 */
let bundle: Promise<string> | undefined;
function serverBundle(): Promise<string> {
  if (!bundle) {
    const dist = path.join(ROOT, 'dist');
    const file = path.join(dist, `test-server-${process.pid}.mjs`);
    // Bundles left by earlier test processes (they are not told when a worker ends) go once their process is gone.
    for (const name of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
      const pid = Number(/^test-server-(\d+)\.mjs/.exec(name)?.[1]);
      if (pid && pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(dist, name), { force: true });
    }
    bundle = buildApi(ROOT, file) as Promise<string>;
  }
  return bundle;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port nobody listens on right now (the OS picks it; the tiny race with other processes is accepted). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  databaseUrl: string;
  /** Extra environment (PAYCODE_TTL_MS, …). */
  env?: Record<string, string>;
  /** The working directory it is started from (the project's root unless said), as a service manager may choose. */
  cwd?: string;
}

export class ServerProcess {
  readonly port: number;
  readonly base: string;
  private child: ChildProcess | undefined;
  private stderr: string[] = [];
  /** How many times this server was killed with SIGKILL. */
  kills = 0;
  starts = 0;

  private constructor(
    private readonly options: ServerOptions,
    port: number,
  ) {
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
  }

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const server = new ServerProcess(options, await freePort());
    await server.start();
    return server;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process on the same port and database and waits until GET /api/health answers 200. */
  async start(): Promise<void> {
    if (this.running) throw new Error('server already running');
    this.stderr = [];
    const child = spawn(process.execPath, [await serverBundle()], {
      cwd: this.options.cwd ?? ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.options.databaseUrl,
        DEMO: '1',
        LOG_LEVEL: 'silent',
        BUILD_ON_START: '0',
        // The server takes the machine's zone when TIME_ZONE is unset: the tests' servers run as on a UTC machine.
        TZ: 'UTC',
        ...this.options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderr.push(...chunk.split('\n'));
      if (this.stderr.length > STDERR_LINES_KEPT) this.stderr.splice(0, this.stderr.length - STDERR_LINES_KEPT);
    });
    this.child = child;
    this.starts++;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (!this.running) throw new Error(`the server exited while starting (code ${child.exitCode}):\n${this.stderrTail()}`);
      try {
        const res = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within ${START_TIMEOUT_MS} ms:\n${this.stderrTail()}`);
      await sleep(HEALTH_POLL_MS);
    }
  }

  /** kill -9: no shutdown handler runs, open transactions die with the process. Resolves once it is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.kills++;
  }

  /** A clean stop (SIGTERM, the server closes its database). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  stderrTail(): string {
    return this.stderr.filter(Boolean).join('\n');
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * One HTTP request to a real server. Resolves with the answer, or with undefined when no answer came (the
 * connection was refused or dropped: the server died): the caller then does not know whether it happened, and
 * must retry with the same Idempotency-Key.
 */
export async function send(
  base: string,
  method: string,
  url: string,
  options: { token?: string; key?: string; body?: unknown } = {},
): Promise<Answer | undefined> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(base + url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      // Generous: only a dead server, never a slow one, should count as "no answer".
      signal: AbortSignal.timeout(60_000),
    });
  } catch {
    return undefined;
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    return undefined; // the head arrived, the body did not: as good as no answer
  }
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: res.status, body, headers: res.headers };
}
