/**
 * A real API server for a test file: the API bundled as `npm start` runs it (global-setup.ts bundles it) on a free port with a fresh SQLite file
 * in a temp dir, demo data seeded, logs silenced. Stopped (and its files removed) when the next
 * file starts or the worker ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
/** The API bundled for the tests' servers, beside `npm start`'s dist/server.mjs (one level below the root, as api/ is). */
export const E2E_SERVER_BUNDLE = join(ROOT, 'dist/server-e2e.mjs');
/** Seeding the demo on a busy 2-core machine can take a while. */
const START_TIMEOUT_MS = 45_000;

export interface RunningServer {
	url: string;
	/** Its files: the SQLite database is pos.db in it, unless the test file's serverEnv names another. */
	dir: string;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

/**
 * Where global-setup.ts leaves a database seeded with the demo, once for the whole run; each file's server starts on a
 * copy of it. Seeding is most of a server's start (the migrations, and six PINs hashed with scrypt: 1.0 s of 1.5 s on
 * two cores), and there are some 180 test files.
 */
const TEMPLATE_ENV = 'E2E_DEMO_TEMPLATE_DB';

/**
 * Seeds the demo into a database of its own, through a server started and stopped as the tests' servers are, and
 * tells the servers started from now on (in this process and the workers, which inherit its environment) to start on
 * a copy. Returns what removes it.
 */
export async function prepareDemoTemplate(): Promise<() => void> {
	const server = await startServer({}, { keepFiles: true });
	await server.stop();
	process.env[TEMPLATE_ENV] = join(server.dir, 'pos.db');
	return () => rmSync(server.dir, { recursive: true, force: true });
}

/** The template's files (the database, and its write-ahead log if a clean close left one), copied into `dir`. */
function copyTemplate(dir: string): void {
	const template = process.env[TEMPLATE_ENV];
	if (!template || !existsSync(template)) return;
	for (const suffix of ['', '-wal']) if (existsSync(template + suffix)) copyFileSync(template + suffix, join(dir, `pos.db${suffix}`));
}

/**
 * Starts a server on a fresh database: a copy of the seeded template when the file asks for no environment of its
 * own (an environment such as TIME_ZONE or DEMO may change what is seeded), else seeded by the server itself.
 */
export async function startServer(env: Record<string, string> = {}, options: { keepFiles?: boolean } = {}): Promise<RunningServer> {
	const dir = mkdtempSync(join(tmpdir(), 'pos-e2e-'));
	if (Object.keys(env).length === 0) copyTemplate(dir);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(process.execPath, [E2E_SERVER_BUNDLE], {
		cwd: ROOT,
		env: {
			...process.env,
			DATABASE_URL: `sqlite:${join(dir, 'pos.db')}`,
			PORT: String(port),
			LOG_LEVEL: 'silent',
			DEMO: '1',
			// global-setup.ts built the front end once; servers must not rebuild it while others serve it.
			BUILD_ON_START: '0',
			// The server takes the machine's zone when TIME_ZONE is unset: the tests' servers run as on a UTC machine.
			TZ: 'UTC',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited on start:\n${output}`);
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not answer /api/health within ${START_TIMEOUT_MS} ms:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 150));
	}

	return {
		url,
		dir,
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
				await exited;
				clearTimeout(timer);
			}
			if (!options.keepFiles) rmSync(dir, { recursive: true, force: true });
		}
	};
}
